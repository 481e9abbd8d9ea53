package dev.opsbook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.rulegen.Generator;
import dev.opsbook.rulegen.RuleOverrides;
import dev.opsbook.rulegen.alertmanager.AlertmanagerConfigRenderer;
import dev.opsbook.rulegen.alertmanager.RouteTiming;
import dev.opsbook.rulegen.alertmanager.TestOverrides;
import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.SpecLoader;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every component of the end-to-end run, started in dependency order and closed in reverse:
 * sshd with the host's files, the API service, the webhook, Alertmanager, the exporter and
 * Prometheus.
 */
final class Stack implements AutoCloseable {

  /** Pending time of every alert in the test's rules: one evaluation after the condition holds. */
  static final PromDuration TEST_FOR = PromDuration.parse("1s");

  /**
   * Lookback of the journal's critical-lines alert in the test's rules. The production lookback
   * of 10 minutes would keep the alert firing for 10 minutes after the last line.
   */
  static final PromDuration TEST_CRITICAL_LINES_LOOKBACK = PromDuration.parse("20s");

  /** Group wait, group interval and repeat interval of every route in the test's Alertmanager. */
  static final RouteTiming TEST_TIMING = new RouteTiming("1s", "1s", "1h");

  private static final Duration READY_DEADLINE = Duration.ofSeconds(90);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  final Path dir;
  Sshd sshd;
  HostFixtures fixtures;
  ApiService api;
  WebhookReceiver webhook;
  AlertmanagerServer alertmanager;
  ExporterProcess exporter;
  PrometheusServer prometheus;
  Spec spec;
  int ruleCount;

  private Stack(Path dir) {
    this.dir = dir;
  }

  /** Starts every component; on failure closes what was started and rethrows. */
  static Stack start(Path dir) throws Exception {
    Tools.requireAll();
    Stack stack = new Stack(dir);
    try {
      stack.startAll();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    sshd = track(Sshd.start());
    fixtures = new HostFixtures(sshd.hostRoot());
    fixtures.createHealthy();
    Path specFile = dir.resolve("e2e-spec.yaml");
    String specText = TestSpec.yaml(sshd.port(), sshd.user(), fixtures);
    Files.writeString(specFile, specText);
    spec = SpecLoader.parse(specText, specFile.getFileName().toString());

    List<Path> ruleFiles = writeRules(dir.resolve("generated"));
    api = track(new ApiService(TestSpec.SERVICE, TestSpec.LATENCY_BUCKETS));
    webhook = track(new WebhookReceiver());
    String alertmanagerConfig =
        new AlertmanagerConfigRenderer()
            .render(spec, TestOverrides.webhook(webhook.url()).withTiming(TEST_TIMING));
    alertmanager = track(AlertmanagerServer.start(dir, alertmanagerConfig));

    Path knownHosts = sshd.writeKnownHosts(dir.resolve("known_hosts"));
    exporter = track(ExporterProcess.start(dir, specFile, knownHosts, sshd.clientKey()));
    prometheus =
        track(
            PrometheusServer.start(
                dir,
                ruleFiles,
                exporter.target(),
                TestSpec.SERVICE,
                api.target(),
                alertmanager.target()));
    awaitReady();
  }

  /** Generates the rules with the test overrides and returns the rule files written. */
  private List<Path> writeRules(Path out) throws IOException {
    GeneratedOutput output =
        Generator.generate(
            spec, "e2e-spec.yaml", new RuleOverrides(TEST_FOR, TEST_CRITICAL_LINES_LOOKBACK));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> file : output.files().entrySet()) {
      Path path = out.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
      files.add(path);
    }
    return files;
  }

  /**
   * Waits until Prometheus scrapes both targets, every check of the host succeeds and every
   * rule evaluates without an error.
   */
  private void awaitReady() throws IOException {
    Optional<Boolean> ready =
        Waits.poll(() -> isReady() ? Optional.of(true) : Optional.empty(),
            Duration.ofMillis(500), READY_DEADLINE);
    if (ready.isEmpty()) {
      throw new IllegalStateException("the stack was not ready within "
          + READY_DEADLINE.toSeconds() + " s\n" + diagnostics());
    }
    ruleCount = prometheus.ruleCount();
  }

  private boolean isReady() {
    try {
      String host = "{" + MetricNames.LABEL_HOST + "=\"" + TestSpec.HOST + "\"}";
      return value(prometheus.query("count(up == 1)")) == 2
          && value(prometheus.query(MetricNames.HOST_UP + host)) == 1
          // certificates, backups, backup integrity and journal
          && value(prometheus.query("count(" + MetricNames.CHECK_SUCCESS + host + " == 1)")) >= 4
          && prometheus.ruleCount() > 0
          && prometheus.ruleErrors().isEmpty()
          && value(prometheus.query("count(slo:sli_total:rate5m)")) >= 1;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Returns the value of the first sample of a query result, or -1 when it is empty. */
  static double value(JsonNode result) {
    if (result.isEmpty()) {
      return -1;
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  /** Returns what a failure message needs to explain a missing alert. */
  String diagnostics() {
    StringBuilder text = new StringBuilder();
    try {
      if (prometheus != null) {
        text.append("targets: ").append(prometheus.targetHealth()).append('\n')
            .append("rule errors: ").append(prometheus.ruleErrors()).append('\n')
            .append("ALERTS: ").append(prometheus.query("ALERTS")).append('\n')
            .append("check results: ").append(prometheus.query(MetricNames.CHECK_SUCCESS))
            .append('\n')
            .append("check failures: ").append(prometheus.query(MetricNames.CHECK_FAILURE_INFO))
            .append('\n');
      }
    } catch (IOException e) {
      text.append("Prometheus query failed: ").append(e).append('\n');
    }
    if (webhook != null) {
      text.append("notifications:\n");
      for (Notification notification : webhook.received()) {
        text.append("  ").append(notification.receivedAt()).append(' ')
          .append(describe(notification)).append('\n');
      }
    }
    if (exporter != null) {
      text.append("exporter log:\n").append(exporter.logTail()).append('\n');
    }
    if (prometheus != null) {
      text.append("prometheus log:\n").append(prometheus.logTail()).append('\n');
    }
    if (alertmanager != null) {
      text.append("alertmanager log:\n").append(alertmanager.logTail()).append('\n');
    }
    return text.toString();
  }

  /** Returns the check failures and the longest check durations of the last 10 minutes. */
  String checkHistory() {
    try {
      return "check failures in the last 10m: "
          + prometheus.query("max_over_time(" + MetricNames.CHECK_FAILURE_INFO + "[10m])") + "\n"
          + "longest check runs in the last 10m: "
          + prometheus.query("max_over_time(" + MetricNames.CHECK_DURATION_SECONDS + "[10m])")
          + "\n";
    } catch (IOException e) {
      return "Prometheus query failed: " + e + "\n";
    }
  }

  static String describe(Notification notification) {
    StringBuilder text = new StringBuilder();
    text.append(notification.receiver()).append(' ').append(notification.status()).append(':');
    for (Notification.Alert alert : notification.alerts()) {
      text.append(' ').append(alert.label("alertname")).append('{')
          .append("severity=").append(alert.label("severity"));
      for (String label : List.of("host", "tier", "window")) {
        if (!alert.label(label).isEmpty()) {
          text.append(',').append(label).append('=').append(alert.label(label));
        }
      }
      text.append("}=").append(alert.status());
    }
    return text.toString();
  }

  private <T extends AutoCloseable> T track(T component) {
    started.push(component);
    return component;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        System.err.println("[e2e] could not close " + component + ": " + e);
      }
    }
  }
}
