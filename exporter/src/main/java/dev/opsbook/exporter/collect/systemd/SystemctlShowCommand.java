package dev.opsbook.exporter.collect.systemd;

import dev.opsbook.exporter.runner.ShellQuote;
import java.util.List;

/**
 * Builds {@code systemctl show} for the spec's units and timers. {@code TZ=UTC} makes systemd
 * print timestamps in UTC, so the parser needs no time zone database of the host.
 */
public final class SystemctlShowCommand {

  static final List<String> PROPERTIES =
      List.of(
          "Id",
          "LoadState",
          "ActiveState",
          "SubState",
          "NRestarts",
          "ActiveEnterTimestamp",
          "ActiveEnterTimestampMonotonic");

  private SystemctlShowCommand() {}

  /**
   * Returns the command line.
   *
   * @throws IllegalArgumentException when a unit name contains a NUL byte
   */
  public static String build(List<String> units) {
    StringBuilder command =
        new StringBuilder("LC_ALL=C TZ=UTC systemctl show --property=")
            .append(String.join(",", PROPERTIES))
            .append(" --");
    for (String unit : units) {
      command.append(' ').append(ShellQuote.quote(unit));
    }
    return command.toString();
  }
}
