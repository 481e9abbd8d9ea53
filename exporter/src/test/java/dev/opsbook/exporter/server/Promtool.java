package dev.opsbook.exporter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code promtool check metrics} on exposition text. */
final class Promtool {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private Promtool() {}

  /**
   * Pipes the text to {@code promtool check metrics} and returns its combined output.
   *
   * @throws AssertionError when promtool is missing or does not exit within 30 s
   */
  static Result checkMetrics(String text) throws IOException, InterruptedException {
    assertThat(Files.isExecutable(PROMTOOL))
        .as("promtool is missing: apt-get install prometheus")
        .isTrue();
    Process process =
        new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] output = process.getInputStream().readAllBytes();
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("promtool check metrics exits within 30 s").isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** Exit status and combined output of promtool. */
  record Result(int exitStatus, String output) {}
}
