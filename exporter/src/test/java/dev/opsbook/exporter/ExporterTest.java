package dev.opsbook.exporter;

import static dev.opsbook.exporter.StubChecks.failing;
import static dev.opsbook.exporter.StubChecks.returning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.StubChecks.ScriptedHostCheck;
import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.runner.CommandException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.exporter.schedule.Scheduler;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExporterTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Scheduler.Settings SETTINGS =
      new Scheduler.Settings(
          4, Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2));

  private final List<StubRunner> runners = new ArrayList<>();

  private RunnerFactory stubRunners() {
    return hosts -> {
      for (Host host : hosts) {
        runners.add(new StubRunner(host.name()));
      }
      return List.copyOf(runners);
    };
  }

  /** A check on every host that runs a real command through the host's runner. */
  private static final class EchoCheck implements HostCheck {
    @Override
    public String name() {
      return MetricNames.CHECK_HOST;
    }

    @Override
    public Duration interval() {
      return Duration.ofSeconds(30);
    }

    @Override
    public List<Sample> collect(CommandRunner runner) throws dev.opsbook.exporter.collect.CheckFailure {
      try {
        CommandResult result = runner.run("echo 1700000000", Duration.ofSeconds(5));
        double boot = Double.parseDouble(result.stdoutText().trim());
        return List.of(Sample.gauge(MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, Map.of(), boot));
      } catch (CommandException e) {
        throw new dev.opsbook.exporter.collect.CheckFailure(e.reason().label(), e.getMessage(), e);
      }
    }
  }

  private static CheckProvider provider(
      Map<String, List<HostCheck>> hostChecks, List<EndpointCheck> endpointChecks) {
    return new CheckProvider() {
      @Override
      public List<HostCheck> hostChecks(Spec spec, Host host) {
        return hostChecks.getOrDefault(host.name(), List.of());
      }

      @Override
      public List<EndpointCheck> endpointChecks(Spec spec) {
        return endpointChecks;
      }
    };
  }

  @Test
  void runOnceServesLocalCommandOutput() throws Exception {
    Spec spec = TestSpecs.withHosts();
    Exporter exporter =
        Exporter.create(
            new Exporter.Target(spec, "slo-spec.yaml", NOW, spec.effectiveHosts()),
            hosts -> List.of(new LocalRunner(Host.LOCAL, 1 << 20)),
            provider(Map.of(Host.LOCAL, List.of(new EchoCheck())), List.of()),
            SETTINGS,
            new MutableClock(NOW));

    String text;
    try (exporter) {
      text = exporter.runOnce(Duration.ofSeconds(20));
    }

    assertThat(text).contains("opsbook_host_boot_timestamp_seconds{host=\"local\"} 1.7E9");
    assertThat(text).contains("opsbook_check_success{check=\"host\",host=\"local\"} 1.0");
    assertThat(text).contains("opsbook_host_up{host=\"local\"} 1.0");
  }

  @Test
  void runOnceCoversHostsEndpointsAndFailures() throws Exception {
    Spec spec =
        TestSpecs.withHosts(
            TestSpecs.remote("web-1", Map.of("env", "prod")), TestSpecs.remote("web-2", Map.of()));
    CommandException refused =
        new CommandException(CommandException.Reason.UNREACHABLE, "connection refused");
    Map<String, List<HostCheck>> hostChecks =
        Map.of(
            "web-1",
            List.of(
                new ScriptedHostCheck(
                    MetricNames.CHECK_FILESYSTEM,
                    Duration.ofSeconds(60),
                    returning(
                        Sample.gauge(
                            MetricNames.FILESYSTEM_AVAIL_BYTES,
                            Map.of(MetricNames.LABEL_MOUNTPOINT, "/"),
                            5e9))),
                new ScriptedHostCheck(
                    MetricNames.CHECK_JOURNAL,
                    Duration.ofSeconds(60),
                    returning(
                        Sample.counter(
                            MetricNames.JOURNAL_PATTERN_LINES_TOTAL,
                            Map.of(MetricNames.LABEL_PATTERN, MetricNames.PATTERN_CRITICAL),
                            3)))),
            "web-2",
            List.of(
                new ScriptedHostCheck(
                    MetricNames.CHECK_SSH,
                    Duration.ofSeconds(60),
                    failing("unreachable", "connection refused", refused))));
    List<EndpointCheck> endpoints =
        List.of(
            StubChecks.endpoint(
                MetricNames.CHECK_TLS,
                "api.example.com:443",
                Duration.ofHours(1),
                () ->
                    List.of(
                        Sample.gauge(
                            MetricNames.TLS_VERIFIED,
                            Map.of(MetricNames.LABEL_ENDPOINT, "api.example.com:443"),
                            1))));
    Exporter exporter =
        Exporter.create(
            new Exporter.Target(spec, "slo-spec.yaml", NOW, spec.effectiveHosts()),
            stubRunners(),
            provider(hostChecks, endpoints),
            SETTINGS,
            new MutableClock(NOW));

    String text;
    try (exporter) {
      text = exporter.runOnce(Duration.ofSeconds(20));
    }

    assertThat(text)
        .contains(
            "opsbook_filesystem_avail_bytes{env=\"prod\",host=\"web-1\",mountpoint=\"/\"} 5.0E9");
    assertThat(text)
        .contains(
            "opsbook_journal_pattern_lines_total{env=\"prod\",host=\"web-1\",pattern=\"critical\"}"
                + " 3.0");
    assertThat(text)
        .contains("opsbook_check_failure_info{check=\"ssh\",host=\"web-2\",reason=\"unreachable\"} 1.0");
    assertThat(text).contains("opsbook_host_up{host=\"web-2\"} 0.0");
    assertThat(text).contains("opsbook_host_up{env=\"prod\",host=\"web-1\"} 1.0");
    assertThat(text)
        .contains(
            "opsbook_tls_verified{endpoint=\"api.example.com:443\",host=\"exporter\"} 1.0");
    assertThat(text)
        .contains(
            "opsbook_check_success{check=\"tls\",endpoint=\"api.example.com:443\",host=\"exporter\"}"
                + " 1.0");
    assertThat(runners).hasSize(2).allMatch(StubRunner::isClosed);
  }
}
