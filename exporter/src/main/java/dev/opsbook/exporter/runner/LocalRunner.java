package dev.opsbook.exporter.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs commands on the machine the exporter runs on, with {@code sh -c}. */
public final class LocalRunner implements CommandRunner {

  /** Readers block on pipes, so they get their own threads instead of the common pool. */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "local-runner-output");
            thread.setDaemon(true);
            return thread;
          });

  private final String hostName;
  private final int maxOutputBytes;

  /**
   * @param hostName the {@code host} label value, usually {@code local}
   * @param maxOutputBytes cap on stdout and on stderr each; more output fails the command
   */
  public LocalRunner(String hostName, int maxOutputBytes) {
    this.hostName = hostName;
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public String hostName() {
    return hostName;
  }

  @Override
  public CommandResult run(String command, Duration timeout) throws CommandException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command);
    builder.environment().put("LC_ALL", "C");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CommandException(
          CommandException.Reason.LOCAL_ERROR, "could not start sh on " + hostName + ": " + e, e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
      CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new CommandException(
            CommandException.Reason.TIMEOUT,
            "command timed out after " + timeout.toMillis() + " ms on " + hostName);
      }
      long remaining = Math.max(1000, timeout.toMillis());
      return new CommandResult(
          process.exitValue(),
          stdout.get(remaining, TimeUnit.MILLISECONDS),
          stderr.get(remaining, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException(
          CommandException.Reason.LOCAL_ERROR, "interrupted while running a command", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OutputTooLargeException) {
        throw new CommandException(
            CommandException.Reason.OUTPUT_TOO_LARGE,
            "command output exceeded " + maxOutputBytes + " bytes on " + hostName);
      }
      throw new CommandException(
          CommandException.Reason.LOCAL_ERROR, "could not read command output: " + e.getCause(), e);
    } catch (TimeoutException | IOException e) {
      throw new CommandException(
          CommandException.Reason.LOCAL_ERROR, "could not read command output: " + e, e);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private CompletableFuture<byte[]> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> readCapped(stream), READERS);
  }

  private byte[] readCapped(InputStream stream) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try (stream) {
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

  @Override
  public void close() {}

  private static final class OutputTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
