package dev.opsbook.rulegen.alertmanager;

import dev.opsbook.spec.model.Alerting;
import dev.opsbook.spec.model.Alerting.Receiver;
import dev.opsbook.spec.model.Alerting.ReceiverType;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Spec;
import java.util.List;
import java.util.Map;

/** Specs for the tests, built in code. */
final class TestSpecs {

  static final String PAGE_RECEIVER = "pagerduty-oncall";
  static final String TICKET_RECEIVER = "slack-operations";
  static final String SLACK_CHANNEL = "#spacetime-operations";

  private TestSpecs() {}

  /**
   * Returns the alerting section of the repository's slo-spec.yaml, built in code so that tests
   * can swap the secret file paths. Its {@code info: null} is an absent key, because {@code
   * Map.copyOf} in the model rejects null values. The renderer's golden-file test keeps it equal
   * to the spec, because the committed alertmanager.yml is rendered from the spec itself.
   */
  static Spec repositorySpec() {
    return repositorySpec(
        "/etc/alertmanager/secrets/pagerduty-routing-key",
        "/etc/alertmanager/secrets/slack-webhook-url");
  }

  /** Returns the repository's alerting section with the secret files at the given paths. */
  static Spec repositorySpec(String pagerDutyKeyFile, String slackUrlFile) {
    Alerting alerting =
        new Alerting(
            Map.of(Severity.CRITICAL, PAGE_RECEIVER, Severity.WARNING, TICKET_RECEIVER),
            List.of(
                new Receiver(PAGE_RECEIVER, ReceiverType.PAGERDUTY, pagerDutyKeyFile, null),
                new Receiver(TICKET_RECEIVER, ReceiverType.SLACK, slackUrlFile, SLACK_CHANNEL)),
            List.of("alertname", "service"));
    return withAlerting(alerting);
  }

  /** Returns a spec of service spacetime-api with the given alerting section. */
  static Spec withAlerting(Alerting alerting) {
    return new Spec(
        "spacetime-api",
        Map.of("team", "devops"),
        "https://runbooks.example.com/spacetime-api",
        List.of(),
        List.of(),
        null,
        alerting,
        null);
  }
}
