package dev.opsbook.rulegen.alertmanager;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Locates and runs the Debian Alertmanager binaries, and fails the test when one is missing. */
final class Tools {

  static final Path AMTOOL = Path.of("/usr/bin/amtool");
  static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

  private static final long RUN_TIMEOUT_SECONDS = 30;

  private Tools() {}

  /** Output of a finished process. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Returns {@code binary} after checking it is executable, else fails the test. */
  static Path require(Path binary) {
    if (!Files.isExecutable(binary)) {
      fail(binary + " not found: apt-get install prometheus-alertmanager");
    }
    return binary;
  }

  /** Runs {@code binary} with {@code args} and waits at most 30 seconds for it to exit. */
  static Result run(Path binary, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(require(binary).toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile("opsbook-tool", ".out");
    Path stderr = Files.createTempFile("opsbook-tool", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(command + " timed out after " + RUN_TIMEOUT_SECONDS + " s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
