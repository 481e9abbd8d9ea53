package dev.opsbook.exporter.collect;

import dev.opsbook.exporter.runner.CommandException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.exporter.runner.ShellQuote;
import java.time.Duration;

/**
 * Runs commands as the user nobody with setpriv, because file permissions do not apply to
 * root, which runs the tests.
 */
public record NobodyRunner(LocalRunner delegate) implements CommandRunner {

  @Override
  public String hostName() {
    return delegate.hostName();
  }

  @Override
  public CommandResult run(String command, Duration timeout) throws CommandException {
    return delegate.run(
        "setpriv --reuid=65534 --regid=65534 --clear-groups sh -c " + ShellQuote.quote(command),
        timeout);
  }

  @Override
  public void close() {}
}
