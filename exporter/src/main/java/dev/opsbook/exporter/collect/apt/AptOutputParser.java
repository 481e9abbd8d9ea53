package dev.opsbook.exporter.collect.apt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the output of {@link AptCommand}. Pure: no I/O. */
public final class AptOutputParser {

  /**
   * Package counts.
   *
   * @param pending upgrades of installed packages ({@code Inst} lines with an old version)
   * @param security pending upgrades that come from a security origin
   * @param held packages on hold
   * @param phased upgrades that apt defers because of phased updates
   */
  public record AptCounts(int pending, int security, int held, int phased) {}

  /** Thrown when the output lacks a marker or a command failed. */
  public static final class AptFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    AptFormatException(String message) {
      super(message);
    }
  }

  /**
   * {@code Inst <package> [<old version>] (<new version> <origin>[, <origin>...] [<arch>])},
   * where origins look like {@code Debian-Security:12/stable-security}.
   */
  private static final Pattern INST =
      Pattern.compile("^Inst (\\S+) (\\[[^\\]]*\\] )?\\((\\S+) (.*)\\)");

  private static final String PHASING_HEADER = "deferred due to phasing";

  private AptOutputParser() {}

  /**
   * Parses the output.
   *
   * @throws AptFormatException when a marker is missing or a command exited with non-zero status
   */
  public static AptCounts parse(String output) throws AptFormatException {
    List<String> simulation = new ArrayList<>();
    List<String> holds = new ArrayList<>();
    List<String> current = simulation;
    boolean simulationDone = false;
    boolean holdDone = false;
    for (String line : output.split("\n")) {
      if (line.startsWith(AptCommand.SIMULATION_MARKER + " ")) {
        checkStatus(line, "apt-get -s dist-upgrade");
        simulationDone = true;
        current = holds;
      } else if (line.startsWith(AptCommand.HOLD_MARKER + " ")) {
        checkStatus(line, "apt-mark showhold");
        holdDone = true;
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    if (!simulationDone || !holdDone) {
      throw new AptFormatException("apt output is incomplete: a status marker is missing");
    }
    int pending = 0;
    int security = 0;
    for (String line : simulation) {
      Matcher inst = INST.matcher(line);
      if (!inst.find() || inst.group(2) == null) {
        continue;
      }
      pending++;
      if (inst.group(4).toLowerCase(Locale.ROOT).contains("security")) {
        security++;
      }
    }
    int held = 0;
    for (String line : holds) {
      if (!line.isBlank()) {
        held++;
      }
    }
    return new AptCounts(pending, security, held, countPhased(simulation));
  }

  /** Counts the package names listed under apt's "deferred due to phasing" header. */
  static int countPhased(List<String> lines) {
    int count = 0;
    boolean inList = false;
    for (String line : lines) {
      if (line.contains(PHASING_HEADER) && line.endsWith(":")) {
        inList = true;
      } else if (inList && line.startsWith(" ")) {
        count += line.strip().split("\\s+").length;
      } else {
        inList = false;
      }
    }
    return count;
  }

  private static void checkStatus(String markerLine, String what) throws AptFormatException {
    String status = markerLine.substring(markerLine.lastIndexOf(' ') + 1).strip();
    if (!status.equals("0")) {
      throw new AptFormatException(what + " exited with status " + status);
    }
  }
}
