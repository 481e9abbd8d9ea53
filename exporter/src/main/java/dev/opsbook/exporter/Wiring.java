package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.CheckFactory;
import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.runner.RunnerPool;
import dev.opsbook.exporter.runner.SshSettings;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** The production runners and checks behind {@link ExporterCommand}. */
final class Wiring {

  private Wiring() {}

  /** Returns runners from a {@link RunnerPool}: local for {@code local}, SSH for the rest. */
  static Function<SshSettings, RunnerFactory> runnerFactories() {
    return settings -> hosts -> RunnerPool.create(hosts, settings).runners();
  }

  /** Returns the checks that the spec's {@code checks} section configures. */
  static CheckProvider checkProvider(Clock clock) {
    CheckFactory factory = new CheckFactory(clock);
    return new CheckProvider() {
      @Override
      public List<HostCheck> hostChecks(Spec spec, Host host) {
        return spec.checks() == null ? List.of() : factory.hostChecks(spec.checks());
      }

      @Override
      public List<EndpointCheck> endpointChecks(Spec spec) {
        return spec.checks() == null ? List.of() : factory.endpointChecks(spec.checks());
      }
    };
  }
}
