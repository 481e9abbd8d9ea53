package dev.opsbook.exporter.runner;

import java.nio.charset.StandardCharsets;

/**
 * Output of a finished command.
 *
 * @param exitStatus the command's exit status
 * @param stdout standard output bytes, never {@code null}
 * @param stderr standard error bytes, never {@code null}
 */
public record CommandResult(int exitStatus, byte[] stdout, byte[] stderr) {

  public boolean succeeded() {
    return exitStatus == 0;
  }

  /** Returns stdout decoded as UTF-8; malformed bytes become U+FFFD. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Returns stderr decoded as UTF-8; malformed bytes become U+FFFD. */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
