package dev.opsbook.exporter.collect.systemd;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code systemctl show} output: one block of {@code Key=value} lines per unit. */
public final class SystemctlShowParser {

  /**
   * State of one unit.
   *
   * @param id the unit's primary name
   * @param restarts {@code NRestarts}, empty for unit types without it, such as timers
   * @param activeEnterSeconds Unix time the unit last entered the active state, empty when it
   *     never did
   */
  public record UnitState(
      String id,
      String loadState,
      String activeState,
      String subState,
      OptionalLong restarts,
      OptionalLong activeEnterSeconds) {}

  /** Thrown when a block is malformed. */
  public static final class SystemctlFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    SystemctlFormatException(String message) {
      super(message);
    }
  }

  /** {@code Thu 2026-12-03 10:15:02 UTC}, systemd's format under {@code TZ=UTC}. */
  private static final Pattern UTC_TIMESTAMP =
      Pattern.compile("\\p{Alpha}{3} (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) (UTC|GMT)");

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private SystemctlShowParser() {}

  /**
   * Parses the blocks, in the order of the units on the command line.
   *
   * @throws SystemctlFormatException when a block lacks a state property or has an invalid
   *     value
   */
  public static List<UnitState> parse(String output) throws SystemctlFormatException {
    List<UnitState> units = new ArrayList<>();
    Map<String, String> block = new HashMap<>();
    for (String line : (output + "\n").split("\n", -1)) {
      if (line.isBlank()) {
        if (!block.isEmpty()) {
          units.add(toUnit(block));
          block = new HashMap<>();
        }
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new SystemctlFormatException("invalid systemctl show line: " + line);
      }
      block.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return units;
  }

  private static UnitState toUnit(Map<String, String> block) throws SystemctlFormatException {
    String id = required(block, "Id", "(unknown unit)");
    return new UnitState(
        id,
        required(block, "LoadState", id),
        required(block, "ActiveState", id),
        required(block, "SubState", id),
        parseRestarts(block.get("NRestarts"), id),
        parseTimestamp(block.get("ActiveEnterTimestamp"), id));
  }

  private static String required(Map<String, String> block, String key, String unit)
      throws SystemctlFormatException {
    String value = block.get(key);
    if (value == null || value.isEmpty()) {
      throw new SystemctlFormatException("systemctl show output for " + unit + " has no " + key);
    }
    return value;
  }

  private static OptionalLong parseRestarts(String value, String unit)
      throws SystemctlFormatException {
    if (value == null || value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw new SystemctlFormatException(
          "NRestarts of " + unit + " is \"" + value + "\", not an integer");
    }
  }

  /**
   * Parses {@code ActiveEnterTimestamp}; an empty value or {@code n/a} means the unit never
   * entered the active state.
   */
  static OptionalLong parseTimestamp(String value, String unit) throws SystemctlFormatException {
    if (value == null || value.isEmpty() || value.equals("n/a")) {
      return OptionalLong.empty();
    }
    Matcher matcher = UTC_TIMESTAMP.matcher(value);
    if (!matcher.matches()) {
      throw new SystemctlFormatException(
          "ActiveEnterTimestamp of " + unit + " is \"" + value
              + "\", expected a UTC time such as \"Thu 2026-12-03 10:15:02 UTC\"");
    }
    try {
      LocalDateTime time = LocalDateTime.parse(matcher.group(1), DATE_TIME);
      return OptionalLong.of(time.toEpochSecond(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new SystemctlFormatException(
          "ActiveEnterTimestamp of " + unit + " is \"" + value + "\", not a valid date");
    }
  }
}
