package dev.opsbook.rulegen.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.GoldenFiles;
import dev.opsbook.spec.model.Alerting;
import dev.opsbook.spec.model.Alerting.Receiver;
import dev.opsbook.spec.model.Alerting.ReceiverType;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the configuration with the real amtool 0.25: the committed generated/alertmanager.yml,
 * which GoldenFileTest keeps equal to what slo-spec.yaml generates, and rendered variants.
 */
class AmtoolTest {

  private final AlertmanagerConfigRenderer renderer = new AlertmanagerConfigRenderer();

  @TempDir Path directory;

  @Test
  void committedConfigPassesCheckConfig() throws Exception {
    Path config = GoldenFiles.alertmanagerConfig();

    Tools.Result result = Tools.run(Tools.AMTOOL, "check-config", config.toString());

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("SUCCESS")
        .contains(" - 2 inhibit rules\n")
        .contains(" - 3 receivers\n");
  }

  @Test
  void webhookOverrideConfigPassesCheckConfig() throws Exception {
    String rendered =
        renderer.renderWithWebhookOverride(TestSpecs.repositorySpec(), "http://127.0.0.1:9/hook");
    Path config = write(rendered);

    Tools.Result result = Tools.run(Tools.AMTOOL, "check-config", config.toString());

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout()).contains("SUCCESS");
  }

  @Test
  void checkConfigRejectsWebhookUrlFile() throws Exception {
    // Guards the reason webhook receivers are rejected: if this starts passing, the installed
    // Alertmanager reads url_file and rulegen can render webhook receivers.
    Path config =
        write(
            """
            route:
              receiver: hook
            receivers:
              - name: hook
                webhook_configs:
                  - url_file: /run/hook-url
            """);

    Tools.Result result = Tools.run(Tools.AMTOOL, "check-config", config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("field url_file not found");
  }

  @Test
  void criticalRoutesToPageReceiver() throws Exception {
    assertThat(routeOf(GoldenFiles.alertmanagerConfig(), "severity=critical"))
        .isEqualTo("pagerduty-oncall\n");
  }

  @Test
  void warningRoutesToTicketReceiver() throws Exception {
    assertThat(routeOf(GoldenFiles.alertmanagerConfig(), "severity=warning"))
        .isEqualTo("slack-operations\n");
  }

  @Test
  void infoRoutedNowhereGoesToBlackhole() throws Exception {
    assertThat(routeOf(GoldenFiles.alertmanagerConfig(), "severity=info"))
        .isEqualTo("blackhole\n");
  }

  @Test
  void alertWithoutSeverityGoesToBlackhole() throws Exception {
    assertThat(routeOf(GoldenFiles.alertmanagerConfig(), "alertname=Other"))
        .isEqualTo("blackhole\n");
  }

  @Test
  void hostUnreachableRoutesBySeverity() throws Exception {
    String config = renderer.render(TestSpecs.repositorySpec());

    assertThat(routeOf(config, "alertname=" + AlertNames.HOST_UNREACHABLE, "severity=critical"))
        .isEqualTo("pagerduty-oncall\n");
  }

  @Test
  void routedInfoGoesToInfoReceiver() throws Exception {
    Alerting alerting =
        new Alerting(
            Map.of(
                Severity.CRITICAL, "pager",
                Severity.WARNING, "tickets",
                Severity.INFO, "records"),
            List.of(
                new Receiver("pager", ReceiverType.PAGERDUTY, "/run/pd", null),
                new Receiver("tickets", ReceiverType.SLACK, "/run/slack", "#ops"),
                new Receiver("records", ReceiverType.SLACK, "/run/slack", "#ops-info")),
            List.of());
    Spec spec = TestSpecs.withAlerting(alerting);
    String config = renderer.render(spec);

    assertThat(routeOf(config, "severity=info")).isEqualTo("records\n");
    assertThat(routeOf(config, "alertname=Other")).isEqualTo("records\n");
    assertThat(routeOf(config, "severity=critical")).isEqualTo("pager\n");
    assertThat(routeOf(config, "severity=warning")).isEqualTo("tickets\n");
  }

  private String routeOf(String config, String... labels) throws Exception {
    return routeOf(write(config), labels);
  }

  private String routeOf(Path config, String... labels) throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("config", "routes", "test", "--config.file=" + config));
    args.addAll(List.of(labels));

    Tools.Result result = Tools.run(Tools.AMTOOL, args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result.stdout();
  }

  private Path write(String config) throws Exception {
    Path file = Files.createTempFile(directory, "alertmanager", ".yml");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    return file;
  }
}
