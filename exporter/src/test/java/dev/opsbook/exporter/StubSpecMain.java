package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the real command line with a spec built in code and one stub check, so a test can start
 * the exporter as its own process and stop it with SIGTERM.
 */
public final class StubSpecMain {

  private StubSpecMain() {}

  public static void main(String[] args) {
    CheckProvider checks =
        new CheckProvider() {
          @Override
          public List<HostCheck> hostChecks(Spec spec, Host host) {
            return List.of(
                new StubChecks.ScriptedHostCheck(
                    MetricNames.CHECK_HOST,
                    Duration.ofSeconds(1),
                    StubChecks.returning(
                        Sample.gauge(MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, Map.of(), 1.7e9))));
          }

          @Override
          public List<EndpointCheck> endpointChecks(Spec spec) {
            return List.of();
          }
        };
    ExporterCommand command =
        new ExporterCommand(
            file -> TestSpecs.withHosts(), Wiring.runnerFactories(), checks, Clock.systemUTC());
    System.exit(ExporterCommand.commandLine(command).execute(args));
  }
}
