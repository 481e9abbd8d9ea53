package dev.opsbook.exporter.runner;

import dev.opsbook.exporter.runner.CommandException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One command on one session channel: reads stdout and stderr with caps, enforces the timeout. */
final class RemoteCommand {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteCommand.class);

  /** Channel reads block, so they get their own threads instead of the common pool. */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "ssh-runner-output");
            thread.setDaemon(true);
            return thread;
          });

  /** Signal numbers on Linux, to report a killed command the way a shell does: 128 + number. */
  private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
      Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3),
      Map.entry(Signal.ILL, 4), Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8),
      Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10), Map.entry(Signal.SEGV, 11),
      Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14),
      Map.entry(Signal.TERM, 15));

  private final Session session;
  private final int maxOutputBytes;
  private final String target;
  private final Runnable onConnectionLost;

  RemoteCommand(Session session, int maxOutputBytes, String target, Runnable onConnectionLost) {
    this.session = session;
    this.maxOutputBytes = maxOutputBytes;
    this.target = target;
    this.onConnectionLost = onConnectionLost;
  }

  CommandResult run(String commandLine, Duration timeout, long deadlineNanos)
      throws CommandException {
    Session.Command command;
    try {
      command = session.exec(commandLine);
    } catch (IOException | IllegalStateException e) {
      closeQuietly();
      throw failure(Reason.SSH_ERROR, "could not start the command: " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> stdout = readAsync(command.getInputStream());
    CompletableFuture<byte[]> stderr = readAsync(command.getErrorStream());
    boolean finished = false;
    try {
      firstFailureOrBoth(stdout, stderr).get(remainingNanos(deadlineNanos), TimeUnit.NANOSECONDS);
      byte[] out = stdout.get(remainingNanos(deadlineNanos), TimeUnit.NANOSECONDS);
      byte[] err = stderr.get(remainingNanos(deadlineNanos), TimeUnit.NANOSECONDS);
      command.join(Math.max(1, remainingNanos(deadlineNanos)), TimeUnit.NANOSECONDS);
      CommandResult result = new CommandResult(exitStatus(command), out, err);
      finished = true;
      return result;
    } catch (TimeoutException e) {
      throw failure(Reason.TIMEOUT, "command timed out after " + timeout.toMillis() + " ms", null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OutputTooLargeException) {
        throw failure(Reason.OUTPUT_TOO_LARGE,
            "command output exceeded " + maxOutputBytes + " bytes", null);
      }
      throw connectionLost(e.getCause());
    } catch (IOException e) {
      // join() fails when the channel is not closed by the deadline.
      if (timedOut(deadlineNanos)) {
        throw failure(Reason.TIMEOUT, "command timed out after " + timeout.toMillis() + " ms",
            null);
      }
      throw connectionLost(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Reason.LOCAL_ERROR, "interrupted while running a command", e);
    } finally {
      if (!finished) {
        kill(command);
      }
      closeQuietly();
      stdout.cancel(true);
      stderr.cancel(true);
    }
  }

  /**
   * Returns a future that completes when both streams are read, or fails as soon as one of them
   * fails. While the runner waits on stdout alone, a command whose stderr exceeds the cap blocks
   * on its full stderr, so the run would end in a timeout instead of the cap.
   */
  private static CompletableFuture<Void> firstFailureOrBoth(
      CompletableFuture<byte[]> first, CompletableFuture<byte[]> second) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    for (CompletableFuture<byte[]> stream : List.of(first, second)) {
      stream.whenComplete((bytes, error) -> {
        if (error != null) {
          result.completeExceptionally(unwrap(error));
        }
      });
    }
    CompletableFuture.allOf(first, second).thenRun(() -> result.complete(null));
    return result;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private int exitStatus(Session.Command command) throws CommandException {
    Integer status = command.getExitStatus();
    if (status != null) {
      return status;
    }
    Signal signal = command.getExitSignal();
    if (signal != null) {
      return 128 + SIGNAL_NUMBERS.getOrDefault(signal, 0);
    }
    throw failure(Reason.SSH_ERROR, "the server closed the session without an exit status", null);
  }

  /** Asks sshd to kill the command, then closes the channel; both are best effort. */
  private void kill(Session.Command command) {
    if (!command.isOpen()) {
      return;
    }
    try {
      command.signal(Signal.KILL);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not send KILL to the command on {}: {}", target, e.toString());
    }
  }

  private void closeQuietly() {
    try {
      session.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the session on {} failed: {}", target, e.toString());
    }
  }

  private CommandException connectionLost(Throwable cause) {
    onConnectionLost.run();
    String detail = cause == null ? "" : ": " + cause.getMessage();
    return failure(Reason.SSH_ERROR, "connection lost while running the command" + detail, cause);
  }

  private CommandException failure(Reason reason, String detail, Throwable cause) {
    return new CommandException(reason, "ssh to " + target + ": " + detail, cause);
  }

  private static long remainingNanos(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  private static boolean timedOut(long deadlineNanos) {
    return remainingNanos(deadlineNanos) == 0;
  }

  private CompletableFuture<byte[]> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> readCapped(stream), READERS);
  }

  private byte[] readCapped(InputStream stream) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      int read;
      while ((read = stream.read(chunk)) != -1) {
        if (buffer.size() + read > maxOutputBytes) {
          throw new OutputTooLargeException();
        }
        buffer.write(chunk, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private static final class OutputTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
