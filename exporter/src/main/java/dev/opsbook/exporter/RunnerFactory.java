package dev.opsbook.exporter;

import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.exporter.runner.SshConfigException;
import dev.opsbook.spec.model.Host;
import java.util.List;

/** Creates the command runners of the hosts; the exporter closes every runner at shutdown. */
@FunctionalInterface
public interface RunnerFactory {

  /**
   * Returns one runner per host, in the order given, each named after its host. Runners must
   * not connect yet: connecting is the first check's work, so an unreachable host fails its
   * checks instead of the exporter's start.
   *
   * @throws SshConfigException when the SSH keys or passphrase cannot be loaded
   */
  List<CommandRunner> open(List<Host> hosts) throws SshConfigException;
}
