package dev.opsbook.rulegen.promtool;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code promtool} binary with a deadline. */
public final class Promtool {

  /** Environment variable that names the binary when it is not on the PATH. */
  public static final String ENV_PROMTOOL = "PROMTOOL";

  public static final String NOT_FOUND =
      "promtool not found; install it with apt-get install prometheus";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Path binary;
  private final Duration timeout;

  public Promtool(Path binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  /** Returns the same binary with another deadline for each run. */
  public Promtool withTimeout(Duration newTimeout) {
    return new Promtool(binary, newTimeout);
  }

  /** Output of one run. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** Returns stdout and stderr together, for messages. */
    public String output() {
      return (stdout + stderr).strip();
    }
  }

  /**
   * Returns the binary named by {@code $PROMTOOL}, or else the first {@code promtool} on the
   * PATH.
   *
   * @throws ToolException when neither exists
   */
  public static Promtool locate() throws ToolException {
    return find().orElseThrow(() -> new ToolException(NOT_FOUND));
  }

  /**
   * Returns the binary named by {@code $PROMTOOL}, or else the first {@code promtool} on the
   * PATH, or empty when {@code $PROMTOOL} is unset and the PATH has none.
   *
   * @throws ToolException when {@code $PROMTOOL} is set but names no executable file
   */
  public static Optional<Promtool> find() throws ToolException {
    String named = System.getenv(ENV_PROMTOOL);
    if (named != null && !named.isBlank()) {
      Path path = Path.of(named);
      if (Files.isExecutable(path)) {
        return Optional.of(new Promtool(path, DEFAULT_TIMEOUT));
      }
      throw new ToolException(ENV_PROMTOOL + "=" + named + " is not an executable file; "
          + "unset it or point it at promtool");
    }
    String pathVariable = System.getenv("PATH");
    for (String dir : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool"))) {
        return Optional.of(new Promtool(Path.of(dir, "promtool"), DEFAULT_TIMEOUT));
      }
    }
    return Optional.empty();
  }

  /** Runs {@code promtool check rules FILE...}. */
  public Result checkRules(List<Path> files) throws ToolException {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    files.forEach(file -> args.add(file.toString()));
    return run(args, null);
  }

  /** Runs {@code promtool test rules FILE} in the file's directory. */
  public Result testRules(Path testFile) throws ToolException {
    return run(List.of("test", "rules", testFile.getFileName().toString()), testFile.getParent());
  }

  /**
   * Runs promtool with the arguments and returns its exit code and output.
   *
   * @throws ToolException when it cannot start or does not finish within the timeout
   */
  public Result run(List<String> args, Path workingDir) throws ToolException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ToolException("cannot start " + binary + ": " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // promtool reads no input; a closed pipe changes nothing.
    }
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ToolException(
            String.join(" ", command) + " timed out after " + timeout.toSeconds() + "s");
      }
      return new Result(process.exitValue(), stdout.get(), stderr.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ToolException("interrupted while running " + binary, e);
    } catch (ExecutionException e) {
      throw new ToolException("cannot read the output of " + binary + ": " + e.getCause(), e);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
