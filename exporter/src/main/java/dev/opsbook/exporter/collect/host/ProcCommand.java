package dev.opsbook.exporter.collect.host;

/**
 * Builds the host command: {@code /proc/stat}, {@code /proc/meminfo}, the boot id and the clock
 * tick rate in one call, each after a marker line. The command has no spec values.
 */
public final class ProcCommand {

  static final String STAT_MARKER = "==opsbook-proc== stat";
  static final String MEMINFO_MARKER = "==opsbook-proc== meminfo";
  static final String BOOT_ID_MARKER = "==opsbook-proc== boot_id";
  static final String CLK_TCK_MARKER = "==opsbook-proc== clk_tck";

  private ProcCommand() {}

  /** Returns the command line; it stops at the first file that cannot be read. */
  public static String build() {
    return "export LC_ALL=C; "
        + "echo '" + STAT_MARKER + "' && cat /proc/stat && "
        + "echo '" + MEMINFO_MARKER + "' && cat /proc/meminfo && "
        + "echo '" + BOOT_ID_MARKER + "' && cat /proc/sys/kernel/random/boot_id && "
        + "echo '" + CLK_TCK_MARKER + "' && getconf CLK_TCK";
  }
}
