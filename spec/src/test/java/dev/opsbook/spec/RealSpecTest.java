package dev.opsbook.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.spec.model.Alerting.ReceiverType;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Sli;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.SourceMap.Position;
import dev.opsbook.spec.model.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads the repository's own slo-spec.yaml, so the example always stays valid. */
class RealSpecTest {

  private static final Path SPEC = Path.of("..", "slo-spec.yaml");
  private static Spec spec;

  @BeforeAll
  static void load() throws SpecException {
    spec = SpecLoader.load(SPEC);
  }

  private static PromDuration duration(String text) {
    return PromDuration.parse(text);
  }

  @Test
  void topLevel() {
    assertThat(spec.service()).isEqualTo("spacetime-api");
    assertThat(spec.labels()).containsExactly(Map.entry("team", "devops"));
    assertThat(spec.runbookUrl()).isEqualTo("https://runbooks.example.com/spacetime-api");
  }

  @Test
  void slos() {
    assertThat(spec.slos())
        .extracting(Slo::name)
        .containsExactly("availability", "latency-p95", "latency-p99", "error-rate", "frame-rate");
    Slo availability = spec.slos().get(0);
    assertThat(availability.objectivePercent()).isEqualTo(99.9);
    assertThat(availability.window()).isEqualTo(duration("30d"));
    assertThat(availability.minEvents()).isEqualTo(100);
    assertThat(availability.description()).isEqualTo("Requests served without a server error.");
    assertThat(availability.sli())
        .isEqualTo(
            new Sli.EventRatio(
                "http_requests_total{job=\"spacetime-api\",status=~\"5..\"}",
                "http_requests_total{job=\"spacetime-api\"}"));
  }

  @Test
  void latencyAndGaugeSlis() {
    Slo p95 = spec.slos().get(1);
    assertThat(p95.window()).isEqualTo(duration("30d"));
    assertThat(p95.sli())
        .isEqualTo(
            new Sli.Latency(
                "http_request_duration_seconds",
                "job=\"spacetime-api\"",
                0.2,
                List.of(0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0)));
    Slo frameRate = spec.slos().get(4);
    assertThat(frameRate.minEvents()).isZero();
    assertThat(frameRate.sli())
        .isEqualTo(
            new Sli.GaugeThreshold(
                "spacetime_frames_per_second{job=\"spacetime-api\"}",
                Sli.Comparison.GREATER_OR_EQUAL,
                90));
  }

  @Test
  void hosts() {
    assertThat(spec.hosts())
        .containsExactly(
            new Host("prod-api-01", "prod-api-01.example.internal", "monitor", 22, Map.of()),
            new Host("prod-api-02", "prod-api-02.example.internal", "monitor", 22, Map.of()),
            new Host("prod-api-03", "prod-api-03.example.internal", "monitor", 22, Map.of()));
  }

  @Test
  void serviceStatusAndDiskChecks() {
    Checks checks = spec.checks();
    assertThat(checks.serviceUnits())
        .isEqualTo(
            new Checks.ServiceUnits(
                List.of("godot-spacetime.service"), List.of("certbot.timer"), duration("30s")));
    assertThat(checks.statusEndpoint())
        .isEqualTo(
            new Checks.StatusEndpoint(
                "https://spacetime-api.example.com/status",
                duration("5s"),
                "overall_ready",
                Map.of("dap", "debug_adapter.state", "lsp", "language_server.state"),
                2,
                duration("30s")));
    assertThat(checks.statusEndpoint().components().keySet()).containsExactly("dap", "lsp");
    assertThat(checks.disk())
        .isEqualTo(new Checks.Disk(List.of("/opt/spacetime"), 80, 85, duration("60s")));
  }

  @Test
  void certificateAndBackupChecks() {
    Checks checks = spec.checks();
    assertThat(checks.certificates())
        .isEqualTo(
            new Checks.Certificates(
                List.of("/etc/ssl/certs/spacetime-api.crt"),
                List.of("api.example.com:443", "telemetry.example.com:443",
                    "monitoring.example.com:443"),
                duration("30d"),
                duration("1h")));
    assertThat(checks.backups())
        .isEqualTo(
            new Checks.Backups(
                "/opt/spacetime/backups",
                List.of(
                    new Checks.BackupTier("daily", "production_daily_*.tar.gz", 7, duration("26h")),
                    new Checks.BackupTier(
                        "weekly", "production_weekly_*.tar.gz", 4, duration("8d")),
                    new Checks.BackupTier(
                        "monthly", "production_monthly_*.tar.gz", 3, duration("32d"))),
                duration("5m"),
                duration("6h")));
  }

  @Test
  void journalCheck() {
    assertThat(spec.checks().journal())
        .isEqualTo(
            new Checks.Journal(
                List.of("godot-spacetime.service"),
                null,
                null,
                100,
                List.of("CRITICAL", "FATAL", "segfault", "OOM"),
                Map.of(
                    "dap_timeout", "Connection timeout to DAP server",
                    "scene_load_failed", "Scene load failed",
                    "memory_allocation_failed", "Memory allocation failed"),
                "(?i)authentication failed",
                100,
                duration("30d"),
                duration("60s")));
  }

  @Test
  void hostChecks() {
    Checks checks = spec.checks();
    assertThat(checks.uptime()).isEqualTo(new Checks.Uptime(duration("24h"), duration("60s")));
    assertThat(checks.updates())
        .isEqualTo(new Checks.Updates(0, duration("7d"), duration("1h")));
    assertThat(checks.capacity())
        .isEqualTo(
            new Checks.Capacity(70, 80, duration("7d"), 30, 50, duration("30d"), duration("30s")));
    assertThat(checks.exporterHealth())
        .isEqualTo(new Checks.ExporterHealth(duration("15m")));
  }

  @Test
  void alerting() {
    assertThat(spec.alerting().groupBy()).containsExactly("alertname", "service");
    assertThat(spec.alerting().routes())
        .containsEntry(Severity.CRITICAL, "pagerduty-oncall")
        .containsEntry(Severity.WARNING, "slack-operations")
        .containsEntry(Severity.INFO, null);
    assertThat(spec.alerting().receivers())
        .extracting(r -> r.name(), r -> r.type(), r -> r.secretFile(), r -> r.channel())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "pagerduty-oncall",
                ReceiverType.PAGERDUTY,
                "/etc/alertmanager/secrets/pagerduty-routing-key",
                null),
            org.assertj.core.groups.Tuple.tuple(
                "slack-operations",
                ReceiverType.SLACK,
                "/etc/alertmanager/secrets/slack-webhook-url",
                "#spacetime-operations"));
  }

  @Test
  void sourcePositions() {
    assertThat(spec.source().file()).isEqualTo(SPEC.toString());
    assertThat(spec.source().positionOf("service")).contains(new Position(4, 10));
    assertThat(spec.source().positionOf("slos[0].sli.events.bad")).contains(new Position(17, 14));
    assertThat(spec.source().positionOf("slos[1].sli.latency.threshold"))
        .contains(new Position(28, 20));
    assertThat(spec.source().positionOf("checks.disk.warning_percent"))
        .contains(new Position(91, 22));
    assertThat(spec.source().positionOf("alerting.routes.info")).contains(new Position(161, 11));
  }
}
