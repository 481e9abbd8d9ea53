package dev.opsbook.rulegen.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the production receivers in a real prometheus-alertmanager, with the secret files pointing
 * at a local server: the Slack webhook URL file names it, and a test-only global
 * {@code pagerduty_url} replaces the PagerDuty Events API. This proves Alertmanager reads the
 * secrets from the files and that the notification templates render.
 */
class AlertmanagerDeliveryTest {

  private static final RouteTiming FAST = new RouteTiming("1s", "1s", "1h");
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
  private static final String ROUTING_KEY = "test-routing-key-0123456789";

  @Test
  void productionReceiversReadSecretsFromFiles(@TempDir Path directory) throws Exception {
    try (NotificationRecorder server = new NotificationRecorder()) {
      Path routingKeyFile = directory.resolve("pagerduty-routing-key");
      Path slackUrlFile = directory.resolve("slack-webhook-url");
      Files.writeString(routingKeyFile, ROUTING_KEY + "\n", StandardCharsets.UTF_8);
      Files.writeString(slackUrlFile, server.url("/slack") + "\n", StandardCharsets.UTF_8);
      String production =
          new AlertmanagerConfigRenderer()
              .render(
                  TestSpecs.repositorySpec(routingKeyFile.toString(), slackUrlFile.toString()),
                  new TestOverrides(null, FAST));
      String global = "global:\n  pagerduty_url: '" + server.url("/pagerduty") + "'\n";
      String config = production.replaceFirst("(?m)^route:", global + "route:");

      try (AlertmanagerServer alertmanager = AlertmanagerServer.start(config, directory)) {
        alertmanager.postAlerts(
            """
            [{"labels": {"alertname": "SystemdUnitNotActive", "service": "spacetime-api",
                         "severity": "critical", "host": "h1"},
              "annotations": {"summary": "godot-spacetime.service is inactive on h1"}},
             {"labels": {"alertname": "DiskUsageHigh", "service": "spacetime-api",
                         "severity": "warning", "host": "h2"},
              "annotations": {"summary": "/opt/spacetime is 85% full on h2",
                              "description": "Free space or grow the volume.",
                              "runbook_url": "https://runbooks.example.com/spacetime-api#diskusagehigh"}}]
            """);

        String page = awaitBody(server, alertmanager, "/pagerduty");
        String slack = awaitBody(server, alertmanager, "/slack");

        assertThat(page)
            .contains("\"routing_key\":\"" + ROUTING_KEY + "\"")
            .contains("\"event_action\":\"trigger\"")
            .contains("\"severity\":\"critical\"");
        assertThat(slack)
            .contains("\"channel\":\"#spacetime-operations\"")
            .contains("[FIRING:1] DiskUsageHigh (spacetime-api)")
            .contains("*warning* on h2: /opt/spacetime is 85% full on h2\\n"
                + "Free space or grow the volume.\\n"
                + "Runbook: https://runbooks.example.com/spacetime-api#diskusagehigh");
        assertThat(alertmanager.log()).doesNotContain(ROUTING_KEY);
      }
    }
  }

  private static String awaitBody(
      NotificationRecorder server, AlertmanagerServer alertmanager, String path)
      throws Exception {
    Optional<NotificationRecorder.Request> request =
        server.await(r -> r.path().equals(path), DELIVERY_TIMEOUT);
    assertThat(request)
        .as("request to %s within %s; Alertmanager log:%n%s",
            path, DELIVERY_TIMEOUT, alertmanager.log())
        .isPresent();
    return request.get().body();
  }
}
