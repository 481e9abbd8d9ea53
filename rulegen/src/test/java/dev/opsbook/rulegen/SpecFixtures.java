package dev.opsbook.rulegen;

import dev.opsbook.spec.model.Alerting;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Sli;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.SourceMap;
import dev.opsbook.spec.model.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Specs built by hand for unit tests: {@link #sloSpec()} mirrors the repository's slo-spec.yaml
 * field by field, which {@code SpecFixturesTest} checks against the real loader.
 */
public final class SpecFixtures {

  public static final String SPEC_NAME = "slo-spec.yaml";

  private static final List<Double> BUCKETS = List.of(0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0);

  private SpecFixtures() {}

  public static PromDuration d(String text) {
    return PromDuration.parse(text);
  }

  public static Spec sloSpec() {
    return sloSpec(SourceMap.EMPTY);
  }

  public static Spec sloSpec(SourceMap source) {
    return new Spec(
        "spacetime-api",
        Map.of("team", "devops"),
        "https://runbooks.example.com/spacetime-api",
        slos(),
        List.of(
            new Host("prod-api-01", "prod-api-01.example.internal", "monitor", 22, Map.of()),
            new Host("prod-api-02", "prod-api-02.example.internal", "monitor", 22, Map.of()),
            new Host("prod-api-03", "prod-api-03.example.internal", "monitor", 22, Map.of())),
        checks(),
        alerting(),
        source);
  }

  /** Returns the spec with other SLOs and the same checks. */
  public static Spec withSlos(List<Slo> slos) {
    Spec spec = sloSpec();
    return new Spec(
        spec.service(), spec.labels(), spec.runbookUrl(), slos, spec.hosts(), spec.checks(),
        spec.alerting(), spec.source());
  }

  /** Returns the spec with other checks and the same SLOs. */
  public static Spec withChecks(Checks checks) {
    Spec spec = sloSpec();
    return new Spec(
        spec.service(), spec.labels(), spec.runbookUrl(), spec.slos(), spec.hosts(), checks,
        spec.alerting(), spec.source());
  }

  public static List<Slo> slos() {
    String job = "job=\"spacetime-api\"";
    return List.of(
        new Slo("availability", "Requests served without a server error.", 99.9, d("30d"), 100,
            new Sli.EventRatio(
                "http_requests_total{job=\"spacetime-api\",status=~\"5..\"}",
                "http_requests_total{job=\"spacetime-api\"}"),
            Map.of()),
        new Slo("latency-p95", "Requests answered within 200 ms.", 95, d("30d"), 100,
            new Sli.Latency("http_request_duration_seconds", job, 0.2, BUCKETS), Map.of()),
        new Slo("latency-p99", "Requests answered within 500 ms.", 99, d("30d"), 100,
            new Sli.Latency("http_request_duration_seconds", job, 0.5, BUCKETS), Map.of()),
        new Slo("error-rate", "Requests answered without a 4xx or 5xx error.", 99.5, d("30d"),
            100,
            new Sli.EventRatio(
                "http_requests_total{job=\"spacetime-api\",status=~\"4..|5..\"}",
                "http_requests_total{job=\"spacetime-api\"}"),
            Map.of()),
        new Slo("frame-rate", "Scene rendering at 90 frames per second or more.", 99, d("30d"),
            0,
            new Sli.GaugeThreshold(
                "spacetime_frames_per_second{job=\"spacetime-api\"}",
                Sli.Comparison.GREATER_OR_EQUAL,
                90),
            Map.of()));
  }

  public static Checks checks() {
    Map<String, String> components = new LinkedHashMap<>();
    components.put("dap", "debug_adapter.state");
    components.put("lsp", "language_server.state");
    Map<String, String> patterns = new LinkedHashMap<>();
    patterns.put("dap_timeout", "Connection timeout to DAP server");
    patterns.put("scene_load_failed", "Scene load failed");
    patterns.put("memory_allocation_failed", "Memory allocation failed");
    return new Checks(
        new Checks.ServiceUnits(List.of("godot-spacetime.service"), List.of("certbot.timer"),
            d("30s")),
        new Checks.StatusEndpoint("https://spacetime-api.example.com/status", d("5s"),
            "overall_ready", components, 2, d("30s")),
        new Checks.Disk(List.of("/opt/spacetime"), 80, 85, d("60s")),
        new Checks.Certificates(
            List.of("/etc/ssl/certs/spacetime-api.crt"),
            List.of("api.example.com:443", "telemetry.example.com:443",
                "monitoring.example.com:443"),
            d("30d"), d("1h")),
        new Checks.Backups("/opt/spacetime/backups",
            List.of(
                new Checks.BackupTier("daily", "production_daily_*.tar.gz", 7, d("26h")),
                new Checks.BackupTier("weekly", "production_weekly_*.tar.gz", 4, d("8d")),
                new Checks.BackupTier("monthly", "production_monthly_*.tar.gz", 3, d("32d"))),
            d("5m"), d("6h")),
        new Checks.Journal(List.of("godot-spacetime.service"), null, null, 100,
            List.of("CRITICAL", "FATAL", "segfault", "OOM"), patterns,
            "(?i)authentication failed", 100, d("30d"), d("60s")),
        new Checks.Uptime(d("24h"), d("60s")),
        new Checks.Updates(0, d("7d"), d("1h")),
        new Checks.Capacity(70, 80, d("7d"), 30, 50, d("30d"), d("30s")),
        new Checks.ExporterHealth(d("15m")));
  }

  public static Checks noChecks() {
    return new Checks(null, null, null, null, null, null, null, null, null, null);
  }

  private static Alerting alerting() {
    Map<Severity, String> routes = new LinkedHashMap<>();
    routes.put(Severity.CRITICAL, "pagerduty-oncall");
    routes.put(Severity.WARNING, "slack-operations");
    routes.put(Severity.INFO, null);
    return new Alerting(
        routes,
        List.of(
            new Alerting.Receiver("pagerduty-oncall", Alerting.ReceiverType.PAGERDUTY,
                "/etc/alertmanager/secrets/pagerduty-routing-key", null),
            new Alerting.Receiver("slack-operations", Alerting.ReceiverType.SLACK,
                "/etc/alertmanager/secrets/slack-webhook-url", "#spacetime-operations")),
        List.of("alertname", "service"));
  }
}
