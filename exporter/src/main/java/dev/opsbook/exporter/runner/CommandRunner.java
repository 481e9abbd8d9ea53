package dev.opsbook.exporter.runner;

import java.time.Duration;

/**
 * Runs read-only shell commands on one host. Implementations are thread-safe: the scheduler may
 * run several checks of the same host at once.
 */
public interface CommandRunner extends AutoCloseable {

  /** Returns the host name used as the {@code host} label. */
  String hostName();

  /**
   * Runs a POSIX shell command line and waits for it to exit. Every value from the spec inside
   * {@code command} must already be quoted with {@link ShellQuote#quote(String)}.
   *
   * @param command the command line, run by {@code sh -c} on the host
   * @param timeout how long the command may run before it is killed
   * @return the exit status and output, even when the exit status is not 0
   * @throws CommandException when the host cannot be reached, authentication or host-key
   *     verification fails, the command times out, or the output exceeds the size cap
   */
  CommandResult run(String command, Duration timeout) throws CommandException;

  /** Closes connections held for this host. */
  @Override
  void close();
}
