package dev.opsbook.exporter.collect.filesystem;

import dev.opsbook.exporter.runner.ShellQuote;
import java.util.List;

/**
 * Builds the filesystem command: one {@code df -P -B1 -T} per path, each followed by a marker
 * line with the path's index and df's exit status, so one missing path does not hide the
 * others and each output line is tied to the path it was requested for.
 *
 * <p>{@code -B1} and {@code -T} are GNU coreutils options, present on every Debian host. The
 * POSIX format ({@code -P}) puts each filesystem on one line.
 */
public final class DfCommand {

  static final String MARKER = "==opsbook-df==";

  private DfCommand() {}

  /**
   * Returns the command line for the paths.
   *
   * @throws IllegalArgumentException when a path contains a NUL byte
   */
  public static String build(List<String> paths) {
    StringBuilder command = new StringBuilder("export LC_ALL=C; ");
    for (int i = 0; i < paths.size(); i++) {
      command
          .append("df -P -B1 -T -- ")
          .append(ShellQuote.quote(paths.get(i)))
          .append(" 2>&1; printf '\\n")
          .append(MARKER)
          .append(" ")
          .append(i)
          .append(" %d\\n' \"$?\"; ");
    }
    return command.toString();
  }
}
