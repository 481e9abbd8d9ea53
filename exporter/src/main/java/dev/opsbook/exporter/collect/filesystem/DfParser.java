package dev.opsbook.exporter.collect.filesystem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the output of {@link DfCommand}. Pure: no I/O. */
public final class DfParser {

  /** One filesystem line of {@code df -P -B1 -T}. */
  public record DfRow(
      String device, String fstype, long sizeBytes, long usedBytes, long availBytes,
      String mountpoint) {}

  /**
   * Result for one requested path: either a row or an error.
   *
   * @param index position of the path in the command
   * @param exitStatus df's exit status
   * @param row the filesystem, or {@code null} when df failed
   * @param errorText df's output when it failed or printed no filesystem line
   */
  public record PathResult(int index, int exitStatus, DfRow row, String errorText) {}

  /** Thrown when the output does not have the shape {@link DfCommand} produces. */
  public static final class DfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    DfFormatException(String message) {
      super(message);
    }
  }

  private static final Pattern MARKER_LINE =
      Pattern.compile(Pattern.quote(DfCommand.MARKER) + " (\\d+) (\\d+)");

  /**
   * Device, type, four numeric columns and the mount point. The device is matched lazily and
   * the mount point takes the rest of the line, so spaces in either survive as long as the
   * numeric columns between them are intact.
   */
  private static final Pattern ROW =
      Pattern.compile("^(.+?)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+%|-)\\s+(.+)$");

  private static final Pattern OCTAL_ESCAPE = Pattern.compile("\\\\([0-3][0-7]{2})");

  private DfParser() {}

  /**
   * Parses the whole output into one result per marker, in output order.
   *
   * @throws DfFormatException when a marker is missing or a filesystem line is malformed
   */
  public static List<PathResult> parse(String output, int pathCount) throws DfFormatException {
    List<PathResult> results = new ArrayList<>();
    List<String> block = new ArrayList<>();
    for (String line : output.split("\n", -1)) {
      Matcher marker = MARKER_LINE.matcher(line);
      if (marker.matches()) {
        int index = Integer.parseInt(marker.group(1));
        int status = Integer.parseInt(marker.group(2));
        if (index != results.size()) {
          throw new DfFormatException(
              "df output has marker " + index + " where marker " + results.size() + " belongs");
        }
        results.add(parseBlock(index, status, block));
        block = new ArrayList<>();
      } else {
        block.add(line);
      }
    }
    if (results.size() != pathCount) {
      throw new DfFormatException(
          "df output has " + results.size() + " path results, expected " + pathCount);
    }
    return results;
  }

  private static PathResult parseBlock(int index, int status, List<String> lines)
      throws DfFormatException {
    List<String> content = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        content.add(line);
      }
    }
    String text = String.join("\n", content);
    if (status != 0) {
      return new PathResult(index, status, null, text);
    }
    if (content.isEmpty() || !content.get(0).startsWith("Filesystem")) {
      throw new DfFormatException("df output for path " + index + " has no header line: " + text);
    }
    List<String> rows = joinWrappedLines(content.subList(1, content.size()));
    if (rows.size() != 1) {
      throw new DfFormatException(
          "df output for path " + index + " has " + rows.size() + " filesystem lines, expected 1");
    }
    return new PathResult(index, status, parseRow(rows.get(0)), null);
  }

  /**
   * Joins a device name printed alone on a line with the indented line that follows it. GNU
   * df with {@code -P} never wraps, but older and non-GNU df wrap long device names this way.
   */
  static List<String> joinWrappedLines(List<String> lines) {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean deviceOnly = !ROW.matcher(line).matches() && !line.strip().contains(" ");
      if (deviceOnly && i + 1 < lines.size() && Character.isWhitespace(lines.get(i + 1).charAt(0))) {
        joined.add(line.strip() + " " + lines.get(i + 1).strip());
        i++;
      } else {
        joined.add(line);
      }
    }
    return joined;
  }

  /**
   * Parses one filesystem line.
   *
   * @throws DfFormatException when the line lacks the numeric columns
   */
  static DfRow parseRow(String line) throws DfFormatException {
    Matcher matcher = ROW.matcher(line.strip());
    if (!matcher.matches()) {
      throw new DfFormatException("invalid df line: " + line);
    }
    try {
      return new DfRow(
          decodeOctalEscapes(matcher.group(1)),
          matcher.group(2),
          Long.parseLong(matcher.group(3)),
          Long.parseLong(matcher.group(4)),
          Long.parseLong(matcher.group(5)),
          decodeOctalEscapes(matcher.group(7)));
    } catch (NumberFormatException e) {
      throw new DfFormatException("df line has a number out of range: " + line);
    }
  }

  /**
   * Decodes the escapes of {@code /proc/mounts}, such as {@code \040} for a space, which some
   * df versions print as they are.
   */
  static String decodeOctalEscapes(String text) {
    Matcher matcher = OCTAL_ESCAPE.matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (matcher.find()) {
      char c = (char) Integer.parseInt(matcher.group(1), 8);
      matcher.appendReplacement(decoded, Matcher.quoteReplacement(String.valueOf(c)));
    }
    matcher.appendTail(decoded);
    return decoded.toString();
  }
}
