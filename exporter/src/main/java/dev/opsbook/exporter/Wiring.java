package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.runner.CommandException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The production runners and checks behind {@link ExporterCommand}. */
final class Wiring {

  /** Cap on stdout and on stderr of one local command. */
  static final int MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

  private Wiring() {}

  static Function<SshOptions, RunnerFactory> runnerFactories() {
    return options ->
        host -> host.isLocal() ? new LocalRunner(host.name(), MAX_OUTPUT_BYTES) : unavailable(host);
  }

  static CheckProvider checkProvider() {
    // TODO: build the checks with the collectors' CheckFactory.
    return new CheckProvider() {
      @Override
      public List<HostCheck> hostChecks(Spec spec, Host host) {
        return List.of();
      }

      @Override
      public List<EndpointCheck> endpointChecks(Spec spec) {
        return List.of();
      }
    };
  }

  // TODO: replace with the SSH runner pool.
  private static CommandRunner unavailable(Host host) {
    return new CommandRunner() {
      @Override
      public String hostName() {
        return host.name();
      }

      @Override
      public CommandResult run(String command, Duration timeout) throws CommandException {
        throw new CommandException(
            CommandException.Reason.SSH_ERROR, "this build has no SSH runner");
      }

      @Override
      public void close() {}
    };
  }
}
