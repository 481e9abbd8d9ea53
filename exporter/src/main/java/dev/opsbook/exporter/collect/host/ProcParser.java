package dev.opsbook.exporter.collect.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the output of {@link ProcCommand}. Pure: no I/O. */
public final class ProcParser {

  /**
   * CPU time modes of the aggregate {@code cpu} line of {@code /proc/stat}, in column order
   * (proc(5)). The guest columns are left out because the kernel already counts guest time in
   * user and nice.
   */
  static final List<String> CPU_MODES =
      List.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal");

  /**
   * Values read from the host.
   *
   * @param bootTimestampSeconds {@code btime} of {@code /proc/stat}: Unix time of the boot,
   *     fixed for the life of a boot, unlike a value computed from the uptime
   * @param bootId the kernel's random boot id
   * @param cpuSeconds seconds per mode, summed over all CPUs, in {@link #CPU_MODES} order
   * @param memoryTotalBytes {@code MemTotal}
   * @param memoryAvailableBytes {@code MemAvailable}
   */
  public record HostStats(
      long bootTimestampSeconds,
      String bootId,
      Map<String, Double> cpuSeconds,
      long memoryTotalBytes,
      long memoryAvailableBytes) {
    public HostStats {
      cpuSeconds = Map.copyOf(cpuSeconds);
    }
  }

  /** Thrown when the output lacks a section or a field. */
  public static final class ProcFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ProcFormatException(String message) {
      super(message);
    }
  }

  private ProcParser() {}

  /**
   * Parses the command output.
   *
   * @throws ProcFormatException naming the missing or invalid section or field
   */
  public static HostStats parse(String output) throws ProcFormatException {
    Map<String, List<String>> sections = splitSections(output);
    long clockTicks = parseClockTicks(section(sections, ProcCommand.CLK_TCK_MARKER));
    List<String> stat = section(sections, ProcCommand.STAT_MARKER);
    Map<String, Long> meminfo = parseMeminfo(section(sections, ProcCommand.MEMINFO_MARKER));
    return new HostStats(
        parseBootTime(stat),
        parseBootId(section(sections, ProcCommand.BOOT_ID_MARKER)),
        parseCpuSeconds(stat, clockTicks),
        meminfoBytes(meminfo, "MemTotal"),
        meminfoBytes(meminfo, "MemAvailable"));
  }

  private static Map<String, List<String>> splitSections(String output) {
    Map<String, List<String>> sections = new HashMap<>();
    List<String> current = null;
    for (String line : output.split("\n")) {
      if (line.startsWith("==opsbook-proc== ")) {
        current = new ArrayList<>();
        sections.put(line.strip(), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    return sections;
  }

  private static List<String> section(Map<String, List<String>> sections, String marker)
      throws ProcFormatException {
    List<String> lines = sections.get(marker);
    if (lines == null) {
      throw new ProcFormatException("output has no section \"" + marker + "\"");
    }
    return lines;
  }

  private static long parseClockTicks(List<String> lines) throws ProcFormatException {
    String text = lines.isEmpty() ? "" : lines.get(0).strip();
    try {
      long ticks = Long.parseLong(text);
      if (ticks <= 0) {
        throw new ProcFormatException("getconf CLK_TCK printed " + ticks + ", expected > 0");
      }
      return ticks;
    } catch (NumberFormatException e) {
      throw new ProcFormatException("getconf CLK_TCK printed \"" + text + "\", not a number");
    }
  }

  private static long parseBootTime(List<String> stat) throws ProcFormatException {
    for (String line : stat) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && fields[0].equals("btime")) {
        return parseLong(fields[1], "btime of /proc/stat");
      }
    }
    throw new ProcFormatException("/proc/stat has no btime line");
  }

  private static Map<String, Double> parseCpuSeconds(List<String> stat, long clockTicks)
      throws ProcFormatException {
    for (String line : stat) {
      String[] fields = line.strip().split("\\s+");
      if (!fields[0].equals("cpu")) {
        continue;
      }
      if (fields.length < 1 + CPU_MODES.size()) {
        throw new ProcFormatException(
            "cpu line of /proc/stat has " + (fields.length - 1) + " columns, expected at least "
                + CPU_MODES.size());
      }
      Map<String, Double> seconds = new LinkedHashMap<>();
      for (int i = 0; i < CPU_MODES.size(); i++) {
        String mode = CPU_MODES.get(i);
        long ticks = parseLong(fields[i + 1], mode + " column of /proc/stat");
        seconds.put(mode, (double) ticks / clockTicks);
      }
      return seconds;
    }
    throw new ProcFormatException("/proc/stat has no aggregate cpu line");
  }

  private static Map<String, Long> parseMeminfo(List<String> lines) throws ProcFormatException {
    Map<String, Long> values = new HashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String[] value = line.substring(colon + 1).strip().split("\\s+");
      long number = parseLong(value[0], key + " of /proc/meminfo");
      boolean kilobytes = value.length > 1 && value[1].equals("kB");
      values.put(key, kilobytes ? number * 1024 : number);
    }
    return values;
  }

  private static long meminfoBytes(Map<String, Long> meminfo, String key)
      throws ProcFormatException {
    Long value = meminfo.get(key);
    if (value == null) {
      throw new ProcFormatException(
          "/proc/meminfo has no " + key + " line; MemAvailable needs Linux 3.14 or later");
    }
    return value;
  }

  private static String parseBootId(List<String> lines) throws ProcFormatException {
    String id = lines.isEmpty() ? "" : lines.get(0).strip();
    if (!id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw new ProcFormatException("boot_id \"" + id + "\" is not a UUID");
    }
    return id;
  }

  private static long parseLong(String text, String what) throws ProcFormatException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ProcFormatException(what + " is \"" + text + "\", not an integer");
    }
  }
}
