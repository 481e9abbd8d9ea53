package dev.opsbook.e2e;

/**
 * The spec of the end-to-end test: one host behind the test's sshd, short intervals. The
 * exporter gives each command the check's interval as its timeout. With 1 s, single runs timed
 * out on a loaded machine and fired {@code OpsbookCheckFailing}, so the checks run every 2 s.
 */
final class TestSpec {

  static final String SERVICE = "e2e-api";
  static final String HOST = "e2e-host";
  static final String RUNBOOK = "https://runbooks.example.com/e2e-api";
  static final double[] LATENCY_BUCKETS = {0.05, 0.1, 0.2, 0.5, 1, 2.5, 5};

  private TestSpec() {}

  /**
   * Returns the spec text.
   *
   * @param sshPort port of the test's sshd on 127.0.0.1
   * @param user the SSH user
   * @param fixtures the host's files
   */
  static String yaml(int sshPort, String user, HostFixtures fixtures) {
    return """
        version: 1
        service: %1$s
        labels:
          team: e2e
        runbook_url: %2$s

        slos:
          - name: availability
            description: Requests served without a server error.
            objective: 99.9
            min_events: 100
            sli:
              events:
                bad: http_requests_total{job="%1$s",status=~"5.."}
                total: http_requests_total{job="%1$s"}
          - name: latency-p95
            description: Requests answered within 200 ms.
            objective: 95
            min_events: 100
            sli:
              latency:
                metric: http_request_duration_seconds
                selector: job="%1$s"
                threshold: 0.2
                buckets: [0.05, 0.1, 0.2, 0.5, 1, 2.5, 5]

        hosts:
          - name: %3$s
            address: 127.0.0.1
            port: %4$d
            user: "%5$s"

        checks:
          certificates:
            files: ["%6$s"]
            min_validity: 30d
            interval: 2s
          backups:
            directory: "%7$s"
            interval: 2s
            verify_interval: 4s
            tiers:
              - name: daily
                pattern: e2e_daily_*.tar.gz
                min_count: %8$d
                max_age: 26h
              - name: weekly
                pattern: e2e_weekly_*.tar.gz
                min_count: %9$d
                max_age: 8d
          journal:
            units: [%10$s]
            directory: "%11$s"
            max_errors_per_day: 100
            critical_patterns: [FATAL, segfault]
            interval: 2s
          exporter:
            max_check_failure_for: 15m

        alerting:
          group_by: [alertname, service]
          routes:
            page: pagerduty-oncall
            ticket: slack-operations
            info: null
          receivers:
            - name: pagerduty-oncall
              type: pagerduty
              routing_key_file: /etc/alertmanager/secrets/pagerduty-routing-key
            - name: slack-operations
              type: slack
              api_url_file: /etc/alertmanager/secrets/slack-webhook-url
              channel: "#e2e-operations"
        """
        .formatted(
            SERVICE,
            RUNBOOK,
            HOST,
            sshPort,
            user,
            fixtures.certificate(),
            fixtures.backups(),
            HostFixtures.DAILY_MIN,
            HostFixtures.WEEKLY_MIN,
            HostFixtures.UNIT,
            fixtures.journalDirectory());
  }
}
