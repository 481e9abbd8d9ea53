package dev.opsbook.exporter.collect.apt;

/**
 * Builds the apt command: a dist-upgrade simulation ({@code -s}, which changes nothing and
 * needs no root with {@code Debug::NoLocking}) and {@code apt-mark showhold}, each followed by
 * a marker line with its exit status. The command has no spec values.
 */
public final class AptCommand {

  static final String SIMULATION_MARKER = "==opsbook-apt-get==";
  static final String HOLD_MARKER = "==opsbook-apt-mark==";

  private AptCommand() {}

  public static String build() {
    return "export LC_ALL=C; apt-get -s -o Debug::NoLocking=true dist-upgrade; "
        + "printf '\\n" + SIMULATION_MARKER + " %d\\n' \"$?\"; "
        + "apt-mark showhold; printf '\\n" + HOLD_MARKER + " %d\\n' \"$?\"";
  }
}
