package dev.opsbook.exporter;

import dev.opsbook.exporter.runner.CommandException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** A runner that runs nothing; stub checks never call it. */
public final class StubRunner implements CommandRunner {

  private final String hostName;
  private final AtomicBoolean closed = new AtomicBoolean();

  public StubRunner(String hostName) {
    this.hostName = hostName;
  }

  @Override
  public String hostName() {
    return hostName;
  }

  @Override
  public CommandResult run(String command, Duration timeout) throws CommandException {
    throw new CommandException(CommandException.Reason.LOCAL_ERROR, "stub runner runs nothing");
  }

  @Override
  public void close() {
    closed.set(true);
  }

  public boolean isClosed() {
    return closed.get();
  }
}
