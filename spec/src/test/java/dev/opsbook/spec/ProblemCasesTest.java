package dev.opsbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One mistake per case, added to a valid three-line spec. Each case must produce exactly one
 * problem, at the given path, line and column, with the given words in its message.
 */
class ProblemCasesTest {

  private static final String BASE =
      "version: 1\nservice: api\nrunbook_url: https://runbooks.example.com/api\n";

  /** Returns an SLO entry on line 5 without objective and sli, so the fields start on line 7. */
  private static String slo(String fields) {
    return "slos:\n  - name: availability\n    description: Requests served.\n" + fields;
  }

  private static final String EVENTS =
      "    sli:\n      events:\n        bad: errors_total\n        total: requests_total\n";

  private static final String ROUTES_AND_RECEIVER =
      "alerting:\n"
          + "  routes: {page: pd, ticket: pd}\n"
          + "  receivers:\n"
          + "    - {name: pd, type: pagerduty, routing_key_file: /etc/am/pd}\n";

  static Stream<Case> cases() {
    return Stream.of(
        // Keys and types.
        problem("unknown key", "slo:\n  - name: a\n", "slo", 4, 1,
            "unknown key \"slo\"; did you mean \"slos\"?"),
        problem("unknown key cut short", "runbook: x\n", "runbook", 3, 1,
            "unknown key \"runbook\"; did you mean \"runbook_url\"?")
            .withBase(BASE.replace("runbook_url: https://runbooks.example.com/api\n", "")),
        problem("unknown key far from all", "zzzzzzzz: 1\n", "zzzzzzzz", 4, 1,
            "valid keys here are version, service"),
        problem("typo of a required key", slo("    objectve: 99.9\n" + EVENTS),
            "slos[0].objectve", 7, 5, "did you mean \"objective\"?"),
        problem("string where number", slo("    objective: high\n" + EVENTS),
            "slos[0].objective", 7, 16, "expected a number, got the string \"high\""),
        problem("quoted number", slo("    objective: \"99.9\"\n" + EVENTS),
            "slos[0].objective", 7, 16, "remove the quotes"),
        problem("map where list", "hosts: {name: a}\n", "hosts", 4, 8,
            "expected a list, got a map"),
        problem("scalar where list", "checks:\n  disk:\n    paths: /\n"
                + "    warning_percent: 80\n    critical_percent: 90\n",
            "checks.disk.paths", 6, 12, "write [/] for a list of one"),
        problem("list where string", "", "service", 2, 10, "expected a string, got a list")
            .withBase(BASE.replace("service: api", "service: [a]")),
        problem("float where integer", slo("    objective: 99.9\n    min_events: 1.5\n" + EVENTS),
            "slos[0].min_events", 8, 17, "expected an integer, got the number 1.5"),
        problem("float tag on text", slo("    objective: !!float abc\n" + EVENTS),
            "slos[0].objective", 7, 16,
            "the value \"abc\" tagged !!float is not a number; remove the tag and write a number"
                + " such as 99.9"),
        problem("int tag on text", slo("    objective: 99.9\n    min_events: !!int abc\n" + EVENTS),
            "slos[0].min_events", 8, 17,
            "the value \"abc\" tagged !!int is not an integer; remove the tag and write an"
                + " integer such as 100"),
        problem("int tag on decimal", slo("    objective: !!int 99.9\n" + EVENTS),
            "slos[0].objective", 7, 16,
            "the value \"99.9\" tagged !!int is not an integer; remove the tag and write a"
                + " number such as 99.9"),
        problem("float tag where list", "hosts: !!float abc\n", "hosts", 4, 8,
            "expected a list, got the value \"abc\" tagged !!float, which is not a number"),
        problem("base-60 objective", slo("    objective: 99:59\n" + EVENTS),
            "slos[0].objective", 7, 16,
            "99:59 was read as the base-60 number 5999, because YAML 1.1 reads numbers with"
                + " colons in base 60; write 99.59 for a decimal number, or 5999"),
        problem("base-60 float threshold", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d\n        threshold: 1:30.5\n"),
            "slos[0].sli.latency.threshold", 11, 20,
            "1:30.5 was read as the base-60 number 90.5"),
        problem("base-60 min_events",
            slo("    objective: 99.9\n    min_events: 1:00:00\n" + EVENTS),
            "slos[0].min_events", 8, 17,
            "1:00:00 was read as the base-60 number 3600, because YAML 1.1 reads numbers with"
                + " colons in base 60; write the number without colons, such as 3600"),
        problem("NaN objective", slo("    objective: .nan\n" + EVENTS),
            "slos[0].objective", 7, 16,
            "invalid number .nan: not finite; write a finite number such as 99.9"),
        problem("overflowing objective", slo("    objective: 1e400\n" + EVENTS),
            "slos[0].objective", 7, 16, "invalid number 1e400: not finite"),
        problem("integer beyond double", slo("    objective: 99\n    sli:\n      gauge:\n"
                + "        query: fps\n        good_when: '>'\n        bound: 1" + "0".repeat(400)
                + "\n"),
            "slos[0].sli.gauge.bound", 12, 16, "invalid number 1000"),
        problem("threshold beyond double", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d\n        threshold: 1" + "0".repeat(400) + "\n"),
            "slos[0].sli.latency.threshold", 11, 20, ": too large; write a finite number"),
        problem("integer beyond long",
            slo("    objective: 99.9\n    min_events: 1" + "0".repeat(20) + "\n" + EVENTS),
            "slos[0].min_events", 8, 17,
            "invalid integer 100000000000000000000: too large, the maximum is "
                + "9223372036854775807"),
        problem("duplicate key", slo("    objective: 99.9\n    objective: 99\n" + EVENTS),
            "slos[0].objective", 8, 5, "duplicate key \"objective\", first set on line 7"),
        problem("missing required field", slo("    objective: 99.9\n"),
            "slos[0].sli", 5, 5, "missing required key \"sli\""),
        problem("missing value", slo("    objective:\n" + EVENTS),
            "slos[0].objective", 7, 5, "key \"objective\" has no value; write a number"),
        problem("missing SLI kind", slo("    objective: 99.9\n    sli: {}\n"),
            "slos[0].sli", 8, 10, "add one of events, latency or gauge"),
        problem("two SLI kinds",
            slo("    objective: 99.9\n" + EVENTS + "      gauge: {query: up, good_when: '>', bound: 0}\n"),
            "slos[0].sli.gauge", 12, 7, "keep one of them"),
        // Durations.
        problem("bad duration", slo("    objective: 99.9\n    window: 30days\n" + EVENTS),
            "slos[0].window", 8, 13, "invalid duration \"30days\""),
        problem("duration without unit", slo("    objective: 99.9\n    window: 30\n" + EVENTS),
            "slos[0].window", 8, 13, "add a unit, such as 30s"),
        problem("window too short", slo("    objective: 99.9\n    window: 3d\n" + EVENTS),
            "slos[0].window", 8, 13, "must be longer than 3d"),
        // Objectives.
        problem("objective zero", slo("    objective: 0\n" + EVENTS),
            "slos[0].objective", 7, 16, "objective 0 is outside (0, 100)"),
        problem("objective above 100", slo("    objective: 150\n" + EVENTS),
            "slos[0].objective", 7, 16, "objective 150 is outside (0, 100)"),
        problem("objective exactly 100", slo("    objective: 100\n" + EVENTS),
            "slos[0].objective", 7, 16, "objective 100 leaves no error budget"),
        problem("objective too low to burn", slo("    objective: 90\n" + EVENTS),
            "slos[0].objective", 7, 16,
            "the 14.4x burn-rate alert (critical, 1h and 5m windows) would need more than 100 %"
                + " of events to fail and can never fire; raise the objective above 93.056"
                + " or shorten window to 20d19h"),
        problem("objective too low for a 1000y window",
            slo("    objective: 99.9\n    window: 1000y\n" + EVENTS),
            "slos[0].objective", 7, 16,
            "objective 99.9 leaves an error budget of 0.1 %, so the 175200x burn-rate alert"
                + " (critical, 1h and 5m windows) would need more than 100 % of events to fail and"
                + " can never fire; shorten window to 2083d8h"),
        problem("objective too low for a short window",
            slo("    objective: 40\n    window: 4d\n" + EVENTS),
            "slos[0].objective", 7, 16, "1.92x burn-rate alert"),
        // SLIs.
        problem("threshold not a bucket bound", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: http_request_duration_seconds\n        threshold: 0.3\n"
                + "        buckets: [0.1, 0.25, 1]\n"),
            "slos[0].sli.latency.threshold", 11, 20,
            "threshold 0.3 is not a bucket bound, so no le bucket counts the requests below it;"
                + " use one of 0.1, 0.25, 1"),
        problem("buckets out of order", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d\n        threshold: 1\n        buckets: [1, 0.5]\n"),
            "slos[0].sli.latency.buckets[1]", 12, 22, "bucket bounds must increase"),
        problem("bucket series as metric", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d_bucket\n        threshold: 1\n"),
            "slos[0].sli.latency.metric", 10, 17, "write the histogram's base name \"d\""),
        problem("selector with braces", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d\n        selector: '{job=\"a\"}'\n        threshold: 1\n"),
            "slos[0].sli.latency.selector", 11, 19, "write only the label matchers"),
        problem("le matcher in selector", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d\n        selector: job=\"x\",le=\"5\"\n"
                + "        threshold: 1\n"),
            "slos[0].sli.latency.selector", 11, 19,
            "selector \"job=\\\"x\\\",le=\\\"5\\\"\" matches on le, but rulegen adds the le"
                + " matcher of threshold"),
        problem("le regex matcher in selector", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d\n        selector: 'job=\"x\", le=~\"0.5|1\"'\n"
                + "        threshold: 1\n"),
            "slos[0].sli.latency.selector", 11, 19,
            "remove the le matcher and set threshold to the bucket bound"),
        problem("unbalanced query", slo("    objective: 99\n    sli:\n      events:\n"
                + "        bad: rate(errors_total[5m]\n        total: requests_total\n"),
            "slos[0].sli.events.bad", 10, 14, "the ( at character 5 is not closed"),
        problem("unclosed string in query", slo("    objective: 99\n    sli:\n      events:\n"
                + "        bad: 'errors_total{code=\"5..}'\n        total: requests_total\n"),
            "slos[0].sli.events.bad", 10, 14, "the string opened at character 19 is not closed"),
        problem("line separator in query", slo("    objective: 99\n    sli:\n      events:\n"
                + "        bad: \"errors_total{path=\\\"a\\u2028b\\\"}\"\n"
                + "        total: requests_total\n"),
            "slos[0].sli.events.bad", 10, 14,
            "invalid query \"errors_total{path=\\\"a\\u2028b\\\"}\": character U+2028 at"
                + " character 21 cannot be written into a rule file"),
        problem("carriage return in selector", slo("    objective: 99\n    sli:\n      latency:\n"
                + "        metric: d\n        selector: \"job=\\\"a\\rb\\\"\"\n"
                + "        threshold: 1\n"),
            "slos[0].sli.latency.selector", 11, 19, "character U+000D at character 8"),
        problem("next line in gauge query", slo("    objective: 99\n    sli:\n      gauge:\n"
                + "        query: \"fps{a=\\\"\\x85\\\"}\"\n        good_when: '>'\n"
                + "        bound: 90\n"),
            "slos[0].sli.gauge.query", 10, 16, "write it as the escape \\u0085"),
        problem("bad comparison", slo("    objective: 99\n    sli:\n      gauge:\n"
                + "        query: fps\n        good_when: '=>'\n        bound: 90\n"),
            "slos[0].sli.gauge.good_when", 11, 20, "invalid comparison \"=>\""),
        // Names and labels.
        problem("duplicate SLO name", slo("    objective: 99.9\n" + EVENTS)
                + "  - name: availability\n    description: Again.\n    objective: 99\n"
                + EVENTS.replace("    sli", "    sli"),
            "slos[1].name", 12, 11, "duplicate SLO name \"availability\", first used by slos[0]"),
        problem("upper-case SLO name", slo("    objective: 99.9\n" + EVENTS)
                .replace("name: availability", "name: Availability"),
            "slos[0].name", 5, 11, "invalid SLO name \"Availability\""),
        problem("SLO name too long", slo("    objective: 99.9\n" + EVENTS)
                .replace("name: availability", "name: " + "a".repeat(5000)),
            "slos[0].name", 5, 11, "use at most 63 characters, not 5000"),
        problem("service with underscore", "", "service", 2, 10, "invalid service name")
            .withBase(BASE.replace("service: api", "service: my_api")),
        problem("invalid label name", "labels:\n  team-name: devops\n", "labels.team-name", 5, 14,
            "invalid label name \"team-name\""),
        problem("reserved label name", "labels:\n  __name__: x\n", "labels.__name__", 5, 13,
            "reserved by Prometheus"),
        problem("label set by opsbook", "labels:\n  severity: x\n", "labels.severity", 5, 13,
            "is set by opsbook itself"),
        problem("label window set by opsbook", "labels:\n  window: x\n", "labels.window", 5,
            11, "label \"window\" is set by opsbook itself"),
        problem("SLO label window set by opsbook",
            slo("    objective: 99.9\n    labels: {window: x}\n" + EVENTS),
            "slos[0].labels.window", 8, 22, "label \"window\" is set by opsbook itself"),
        problem("label host of the series", "labels:\n  host: x\n", "labels.host", 5, 9,
            "label \"host\" is already a label of the series"),
        problem("label job of the series", "labels:\n  job: x\n", "labels.job", 5, 8,
            "label \"job\" is already a label of the series"),
        problem("host label unit of the series",
            "hosts:\n  - {name: a, address: a.example, labels: {unit: x}}\n",
            "hosts[0].labels.unit", 5, 50, "label \"unit\" is already a label of the series"),
        problem("label value with newline", "labels:\n  team: \"dev\\nops\"\n", "labels.team", 5, 9,
            "invalid label value \"dev\\nops\"; remove the control character"),
        problem("label value with quote", "labels:\n  team: 'a\"b'\n", "labels.team", 5, 9,
            "remove the character \""),
        problem("label value with template", "labels:\n  team: '{{ x }}'\n", "labels.team", 5, 9,
            "which Prometheus reads as a template"),
        problem("description with newline", slo("    objective: 99.9\n" + EVENTS)
                .replace("description: Requests served.", "description: \"two\\nlines\""),
            "slos[0].description", 6, 18, "write it on one line"),
        // Hosts.
        problem("duplicate host name", "hosts:\n  - {name: a, address: a.example}\n"
                + "  - {name: a, address: b.example}\n",
            "hosts[1].name", 6, 12, "duplicate host name \"a\", first used by hosts[0]"),
        problem("port out of range", "hosts:\n  - {name: a, address: a.example, port: 70000}\n",
            "hosts[0].port", 5, 41, "invalid port 70000; use a port from 1 to 65535"),
        problem("address missing", "hosts:\n  - {name: a}\n", "hosts[0].address", 5, 5,
            "missing required key \"address\""),
        problem("local host with address", "hosts:\n  - {name: local, address: x}\n",
            "hosts[0].address", 5, 28, "remove address"),
        problem("address as option", "hosts:\n  - {name: a, address: -oProxyCommand}\n",
            "hosts[0].address", 5, 24, "invalid address \"-oProxyCommand\""),
        problem("user with space", "hosts:\n  - {name: a, address: a, user: 'x y'}\n",
            "hosts[0].user", 5, 33, "invalid user name \"x y\""),
        // Checks.
        problem("percent zero", disk("0", "90"), "checks.disk.warning_percent", 7, 22,
            "percentage 0 is outside (0, 100]"),
        problem("percent above 100", disk("80", "101"), "checks.disk.critical_percent", 8, 23,
            "percentage 101 is outside (0, 100]"),
        problem("warning not below critical", disk("90", "90"), "checks.disk.warning_percent", 7,
            22, "warning_percent 90 must be lower than critical_percent 90"),
        problem("relative disk path", "checks:\n  disk:\n    paths: [opt]\n"
                + "    warning_percent: 80\n    critical_percent: 90\n",
            "checks.disk.paths[0]", 6, 13, "write an absolute path starting with /"),
        problem("min_count zero", backups("{name: daily, pattern: '*.tgz', min_count: 0, max_age: 1d}"),
            "checks.backups.tiers[0].min_count", 8, 52, "min_count 0 must be at least 1"),
        problem("duplicate tier", backups("{name: d, pattern: a, min_count: 1, max_age: 1d}\n"
                + "      - {name: d, pattern: b, min_count: 1, max_age: 1d}"),
            "checks.backups.tiers[1].name", 9, 16, "duplicate tier name \"d\""),
        problem("glob leaving directory", backups("{name: d, pattern: x/../../etc, min_count: 1, max_age: 1d}"),
            "checks.backups.tiers[0].pattern", 8, 28, "remove the .. segment"),
        problem("absolute glob", backups("{name: d, pattern: /etc/x, min_count: 1, max_age: 1d}"),
            "checks.backups.tiers[0].pattern", 8, 28, "write it relative to the backup directory"),
        problem("invalid regex", journal("    critical_patterns: ['(oops']\n"),
            "checks.journal.critical_patterns[0]", 7, 25,
            "invalid regular expression \"(oops\": Unclosed group near index 5"),
        problem("invalid named regex", journal("    patterns: {dap: '[a-'}\n"),
            "checks.journal.patterns.dap", 7, 21, "invalid regular expression \"[a-\""),
        problem("reserved pattern name", journal("    patterns: {auth_failure: x}\n"),
            "checks.journal.patterns.auth_failure", 7, 30, "used by the exporter"),
        problem("auth window without pattern", journal("    auth_failure_window: 30d\n"),
            "checks.journal.auth_failure_window", 7, 26, "set the pattern too"),
        problem("auth pattern without budget", journal("    auth_failure_pattern: x\n    auth_failure_window: 30d\n"),
            "checks.journal.max_auth_failures", 6, 5, "missing required key \"max_auth_failures\""),
        problem("timer in units", "checks:\n  service_units:\n    units: [a.timer]\n",
            "checks.service_units.units[0]", 6, 13, "move timer units to timers"),
        problem("bad endpoint", "checks:\n  certificates:\n    endpoints: ['a.example:99999']\n"
                + "    min_validity: 30d\n",
            "checks.certificates.endpoints[0]", 6, 17, "write host:port with a port from 1 to 65535"),
        problem("timeout not below interval", "checks:\n  status_endpoint:\n"
                + "    url: https://a.example/status\n    timeout: 30s\n    interval: 30s\n",
            "checks.status_endpoint.timeout", 7, 14, "probes would overlap"),
        problem("capacity low above high", "checks:\n  capacity:\n    cpu_high_percent: 70\n"
                + "    memory_high_percent: 80\n    high_for: 7d\n    cpu_low_percent: 75\n"
                + "    memory_low_percent: 50\n    low_for: 30d\n",
            "checks.capacity.cpu_low_percent", 9, 22, "cpu_low_percent 75 must be lower than"),
        problem("unknown check", "checks:\n  dsk: {}\n", "checks.dsk", 5, 3,
            "did you mean \"disk\"?"),
        // Alerting.
        problem("route to unknown receiver",
            ROUTES_AND_RECEIVER.replace("ticket: pd", "ticket: slack"),
            "alerting.routes.ticket", 5, 30,
            "unknown receiver \"slack\"; use one of pd, or add it to receivers"),
        problem("page routed nowhere", ROUTES_AND_RECEIVER.replace("page: pd", "page: null"),
            "alerting.routes.page", 5, 18, "page alerts must go to a receiver"),
        problem("inline secret",
            ROUTES_AND_RECEIVER.replace("routing_key_file: /etc/am/pd", "routing_key_file: /etc/am/pd, routing_key: abc123"),
            "alerting.receivers[0].routing_key", 7, 65,
            "inline secret in \"routing_key\"; put the secret in a file"),
        problem("inline slack url", "alerting:\n  routes: {page: s, ticket: s}\n  receivers:\n"
                + "    - {name: s, type: slack, api_url_file: /f, api_url: 'https://hooks'}\n",
            "alerting.receivers[0].api_url", 7, 48, "use api_url_file"),
        problem("slack channel with url", "alerting:\n  routes: {page: s, ticket: s}\n"
                + "  receivers:\n    - {name: s, type: slack, api_url_file: /f,"
                + " channel: 'https://hooks.example.com/T0'}\n",
            "alerting.receivers[0].channel", 7, 57,
            "channel contains a URL, which would put a secret into alertmanager.yml"),
        problem("unknown receiver type", ROUTES_AND_RECEIVER.replace("pagerduty", "email"),
            "alerting.receivers[0].type", 7, 24,
            "unknown receiver type \"email\"; use one of pagerduty, slack, webhook"),
        problem("relative secret file", ROUTES_AND_RECEIVER.replace("/etc/am/pd", "pd.key"),
            "alerting.receivers[0].routing_key_file", 7, 53, "write an absolute path"),
        problem("invalid group_by label", ROUTES_AND_RECEIVER + "  group_by: [alert-name]\n",
            "alerting.group_by[0]", 8, 14, "invalid label name \"alert-name\""));
  }

  private static String disk(String warning, String critical) {
    return "checks:\n  disk:\n    paths: [/]\n    warning_percent: " + warning
        + "\n    critical_percent: " + critical + "\n";
  }

  private static String backups(String tiers) {
    return "checks:\n  backups:\n    directory: /b\n    tiers:\n      - " + tiers + "\n";
  }

  private static String journal(String fields) {
    return "checks:\n  journal:\n    max_errors_per_day: 100\n" + fields;
  }

  /** One case; {@link #withBase} replaces the valid spec that the text is appended to. */
  record Case(String name, String base, String text, String path, int line, int column,
      String message) {
    Case withBase(String newBase) {
      return new Case(name, newBase, text, path, line, column, message);
    }

    Arguments arguments() {
      return Arguments.of(name, this);
    }
  }

  private static Case problem(
      String name, String text, String path, int line, int column, String message) {
    return new Case(name, BASE, text, path, line, column, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arguments")
  void reportsOneProblem(String name, Case testCase) {
    SpecException exception =
        catchThrowableOfType(
            SpecException.class, () -> SpecLoader.parse(testCase.base() + testCase.text(), "s.yaml"));

    assertThat(exception).as("expected a problem").isNotNull();
    List<Problem> problems = exception.problems();
    assertThat(problems).as(exception.getMessage()).hasSize(1);
    Problem problem = problems.get(0);
    assertThat(problem.path()).isEqualTo(testCase.path());
    assertThat(problem.message()).contains(testCase.message());
    assertThat(problem.line()).as("line of " + problem).isEqualTo(testCase.line());
    assertThat(problem.column()).as("column of " + problem).isEqualTo(testCase.column());
    assertThat(problem.file()).isEqualTo("s.yaml");
  }

  /** A secret pasted into a *_file key must not reach the error output, which CI logs keep. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "R0UT1NGKEY0123456789abcdef",
        "https://user:pa55word@hooks.example.com/services/T0/B0/x",
        "/etc/am/../pd\tR0UT1NGKEY",
      })
  void secretFileValueNotInMessage(String value) {
    String text =
        ROUTES_AND_RECEIVER.replace(
            "routing_key_file: /etc/am/pd", "routing_key_file: \"" + value + "\"");

    SpecException exception =
        catchThrowableOfType(SpecException.class, () -> SpecLoader.parse(BASE + text, "s.yaml"));

    assertThat(exception).as("expected a problem").isNotNull();
    List<Problem> problems = exception.problems();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEqualTo("alerting.receivers[0].routing_key_file");
    assertThat(problems.get(0).line()).isEqualTo(7);
    assertThat(problems.get(0).message()).contains("invalid path");
    assertThat(problems.get(0).message()).doesNotContain("R0UT1NGKEY", "pa55word", "hooks");
    assertThat(exception.getMessage()).doesNotContain("R0UT1NGKEY", "pa55word", "hooks");
  }

  static Stream<Arguments> arguments() {
    return cases().map(Case::arguments);
  }
}
