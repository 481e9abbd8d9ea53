package dev.opsbook.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Checks.BackupTier;
import dev.opsbook.spec.model.PromDuration;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckFactoryTest {

  private final CheckFactory factory = new CheckFactory(Clock.systemUTC());

  @Test
  void buildsEveryCheckOfFullSpec() {
    Checks checks = fullChecks();

    List<HostCheck> host = factory.hostChecks(checks);
    List<EndpointCheck> endpoints = factory.endpointChecks(checks);

    assertThat(host)
        .extracting(HostCheck::name)
        .containsExactly(
            MetricNames.CHECK_SYSTEMD,
            MetricNames.CHECK_FILESYSTEM,
            MetricNames.CHECK_CERTIFICATE_FILES,
            MetricNames.CHECK_BACKUPS,
            MetricNames.CHECK_BACKUP_INTEGRITY,
            MetricNames.CHECK_JOURNAL,
            MetricNames.CHECK_HOST,
            MetricNames.CHECK_APT);
    assertThat(host.get(4).interval()).isEqualTo(Duration.ofHours(6));
    assertThat(host.get(6).interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(endpoints)
        .extracting(EndpointCheck::endpoint)
        .containsExactly(
            "api.example.com:443", "telemetry.example.com:443", "https://spacetime-api.example.com/status");
    assertThat(endpoints).extracting(EndpointCheck::name).containsExactly("tls", "tls", "status");
  }

  @Test
  void nullSectionsBuildNoChecks() {
    Checks empty = new Checks(null, null, null, null, null, null, null, null, null, null);

    assertThat(factory.hostChecks(empty)).isEmpty();
    assertThat(factory.endpointChecks(empty)).isEmpty();
  }

  @Test
  void eachCallBuildsNewInstances() {
    Checks checks = fullChecks();

    assertThat(factory.hostChecks(checks).get(5)).isNotSameAs(factory.hostChecks(checks).get(5));
  }

  @Test
  void rejectsInvalidTlsEndpoint() {
    Checks checks =
        new Checks(
            null, null, null,
            new Checks.Certificates(List.of(), List.of("no-port"), d("30d"), d("1h")),
            null, null, null, null, null, null);

    assertThatThrownBy(() -> factory.endpointChecks(checks))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"no-port\"");
  }

  private static Checks fullChecks() {
    return new Checks(
        new Checks.ServiceUnits(List.of("godot-spacetime.service"), List.of("certbot.timer"), d("30s")),
        new Checks.StatusEndpoint(
            "https://spacetime-api.example.com/status",
            d("5s"),
            "overall_ready",
            Map.of("dap", "debug_adapter.state"),
            2,
            d("30s")),
        new Checks.Disk(List.of("/opt/spacetime"), 80, 85, d("60s")),
        new Checks.Certificates(
            List.of("/etc/ssl/certs/spacetime-api.crt"),
            List.of("api.example.com:443", "telemetry.example.com:443"),
            d("30d"),
            d("1h")),
        new Checks.Backups(
            "/opt/spacetime/backups",
            List.of(new BackupTier("daily", "production_daily_*.tar.gz", 7, d("26h"))),
            d("5m"),
            d("6h")),
        new Checks.Journal(
            List.of("godot-spacetime.service"), null, null, 100, List.of("CRITICAL"),
            Map.of("dap_timeout", "Connection timeout to DAP server"), "(?i)authentication failed",
            100, d("30d"), d("60s")),
        new Checks.Uptime(d("24h"), d("60s")),
        new Checks.Updates(0, d("7d"), d("1h")),
        new Checks.Capacity(70, 80, d("7d"), 30, 50, d("30d"), d("30s")),
        new Checks.ExporterHealth(d("15m")));
  }

  private static PromDuration d(String text) {
    return PromDuration.parse(text);
  }
}
