package dev.opsbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** One file with many mistakes: every one is reported, in file order, with its position. */
class SeveralMistakesTest {

  private static final String SPEC =
      """
      version: 1
      service: Spacetime_API
      runbook_url: https://runbooks.example.com/api
      labels:
        team: "dev\\nops"
      slos:
        - name: availability
          description: Requests served.
          objectve: 99.9
          window: 30days
          sli:
            events:
              bad: errors_total{code=~"5.."
              total: requests_total
        - name: availability
          description: Requests fast.
          objective: 90
          sli:
            latency:
              metric: duration_seconds
              threshold: 0.3
              buckets: [0.1, 0.25, 1]
      hosts:
        - name: local
          address: 10.0.0.1
        - name: api-1
      checks:
        disk:
          paths: [/]
          warning_percent: 95
          critical_percent: 90
        journal:
          max_errors_per_day: "many"
          critical_patterns: ["(oops"]
      alerting:
        routes: {page: pd, ticket: chat}
        receivers:
          - name: pd
            type: pagerduty
            routing_key: do-not-print-me
            routing_key_file: /etc/alertmanager/pd
      """;

  @Test
  void reportsEveryMistake() {
    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecLoader.parse(SPEC, "slo-spec.yaml"));

    assertThat(exception).isNotNull();
    assertThat(exception.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "slo-spec.yaml:2:10: service: invalid service name \"Spacetime_API\"; use lower-case"
                + " letters, digits and inner hyphens, such as spacetime-api",
            "slo-spec.yaml:5:9: labels.team: invalid label value \"dev\\nops\"; remove the control"
                + " character (newline, tab, ...)",
            "slo-spec.yaml:9:5: slos[0].objectve: unknown key \"objectve\"; did you mean"
                + " \"objective\"?",
            "slo-spec.yaml:10:13: slos[0].window: invalid duration \"30days\": use Prometheus"
                + " syntax such as 30s, 5m, 1h30m or 30d",
            "slo-spec.yaml:13:14: slos[0].sli.events.bad: invalid query"
                + " \"errors_total{code=~\\\"5..\\\"\": the { at character 13 is not closed",
            "slo-spec.yaml:15:11: slos[1].name: duplicate SLO name \"availability\", first used"
                + " by slos[0]; give each SLO its own name",
            "slo-spec.yaml:17:16: slos[1].objective: objective 90 leaves an error budget of 10 %,"
                + " so the 14.4x burn-rate alert (critical, 1h and 5m windows) would need more"
                + " than 100 % of events to fail and can never fire; raise the objective above"
                + " 93.056 or shorten window to 20d19h",
            "slo-spec.yaml:21:20: slos[1].sli.latency.threshold: threshold 0.3 is not a bucket"
                + " bound, so no le bucket counts the requests below it; use one of 0.1, 0.25, 1",
            "slo-spec.yaml:25:14: hosts[0].address: the host named \"local\" is the exporter's"
                + " own machine, reached without SSH; remove address, or rename the host to reach"
                + " it over SSH",
            "slo-spec.yaml:26:5: hosts[1].address: missing required key \"address\"; add the DNS"
                + " name or IP address that the exporter reaches over SSH, or name the host"
                + " \"local\" for the exporter's own machine",
            "slo-spec.yaml:30:22: checks.disk.warning_percent: warning_percent 95 must be lower"
                + " than critical_percent 90, so that a ticket comes before the page",
            "slo-spec.yaml:33:25: checks.journal.max_errors_per_day: expected an integer, got the"
                + " string \"many\"",
            "slo-spec.yaml:34:25: checks.journal.critical_patterns[0]: invalid regular expression"
                + " \"(oops\": Unclosed group near index 5; fix the expression, escaping special"
                + " characters with a backslash",
            "slo-spec.yaml:36:30: alerting.routes.ticket: unknown receiver \"chat\"; use one of"
                + " pd, or add it to receivers",
            "slo-spec.yaml:40:7: alerting.receivers[0].routing_key: inline secret in"
                + " \"routing_key\"; put the secret in a file that only Alertmanager can read and"
                + " use routing_key_file");
  }

  @Test
  void messageNeverContainsTheSecret() {
    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecLoader.parse(SPEC, "slo-spec.yaml"));

    assertThat(exception.getMessage()).doesNotContain("do-not-print-me");
  }

  @Test
  void routesWithoutReceivers() {
    String spec =
        """
        version: 1
        service: api
        runbook_url: https://runbooks.example.com/api
        alerting:
          routes: {page: pd, ticket: null}
          receivers: []
        """;

    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecLoader.parse(spec, "slo-spec.yaml"));

    assertThat(exception).isNotNull();
    assertThat(exception.problems()).extracting(Problem::toString).containsExactly(
        "slo-spec.yaml:5:18: alerting.routes.page: unknown receiver \"pd\", because receivers"
            + " defines none; add a receiver named \"pd\" under receivers",
        "slo-spec.yaml:5:30: alerting.routes.ticket: ticket alerts must go to a receiver, but"
            + " receivers defines none; add a receiver under receivers and set routes.ticket to"
            + " its name");
  }
}
