package dev.opsbook.exporter.collect;

import dev.opsbook.exporter.runner.CommandRunner;
import java.time.Duration;
import java.util.List;

/**
 * One check of one host, run by the scheduler on its own interval. An instance belongs to one
 * host, so it may keep state between runs, such as a journal cursor. The scheduler never runs
 * the same instance twice at once.
 */
public interface HostCheck {

  /** Returns the check name, the value of the {@code check} label. */
  String name();

  /** Returns how often the check runs. */
  Duration interval();

  /**
   * Runs the check's commands on the host and parses their output.
   *
   * @return the samples, without the {@code host} label
   * @throws CheckFailure when a command fails or its output cannot be parsed
   */
  List<Sample> collect(CommandRunner runner) throws CheckFailure;
}
