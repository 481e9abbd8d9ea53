package dev.opsbook.exporter;

import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.model.Host;

/** Creates the command runner of a host; the exporter closes every runner at shutdown. */
@FunctionalInterface
public interface RunnerFactory {

  /**
   * Returns a runner for the host. It must not connect yet: connecting is the first check's
   * work, so an unreachable host fails its checks instead of the exporter's start.
   */
  CommandRunner open(Host host);
}
