package dev.opsbook.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happened when, in seconds since the stack was ready. Each line goes to stdout at once and
 * all lines go to a summary file at the end.
 */
final class Timeline {

  private final Instant start;
  private final List<String> lines = new ArrayList<>();

  Timeline(Instant start) {
    this.start = start;
  }

  /** Adds a line stamped with the current time. */
  synchronized void log(String scenario, String event) {
    String line = String.format(Locale.ROOT, "+%6.1fs  %-13s %s", seconds(start, Instant.now()),
        scenario, event);
    lines.add(line);
    System.out.println("[e2e] " + line);
  }

  /** Adds a line without a time stamp, such as a heading or a total. */
  synchronized void note(String text) {
    lines.add(text);
    System.out.println("[e2e] " + text);
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  synchronized void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
