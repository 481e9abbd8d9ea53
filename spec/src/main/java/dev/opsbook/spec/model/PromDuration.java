package dev.opsbook.spec.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration written in Prometheus syntax ({@code 5m}, {@code 1h30m}, {@code 30d}), kept with
 * its canonical text so generated rules print it the way Prometheus does.
 *
 * @param millis length in milliseconds, greater than zero
 */
public record PromDuration(long millis) implements Comparable<PromDuration> {

  private static final Pattern SYNTAX =
      Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {
    365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
  };
  private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

  public PromDuration {
    if (millis <= 0) {
      throw new IllegalArgumentException("duration must be positive: " + millis + "ms");
    }
  }

  /**
   * Parses Prometheus duration syntax: units y, w, d, h, m, s, ms from largest to smallest, each
   * at most once.
   *
   * @throws IllegalArgumentException when the text is not a positive Prometheus duration
   */
  public static PromDuration parse(String text) {
    Matcher matcher = SYNTAX.matcher(text == null ? "" : text);
    if (text == null || text.isEmpty() || !matcher.matches()) {
      throw new IllegalArgumentException(
          "invalid duration \"" + text + "\": use Prometheus syntax such as 30s, 5m, 1h30m or 30d");
    }
    long total = 0;
    try {
      for (int i = 0; i < UNIT_MILLIS.length; i++) {
        String group = matcher.group(i + 1);
        if (group != null) {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), UNIT_MILLIS[i]));
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid duration \"" + text + "\": too long, the maximum is about 292 million years");
    }
    if (total <= 0) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\": must be greater than 0");
    }
    return new PromDuration(total);
  }

  public static PromDuration ofSeconds(long seconds) {
    return new PromDuration(seconds * 1000);
  }

  public Duration toDuration() {
    return Duration.ofMillis(millis);
  }

  public double seconds() {
    return millis / 1000.0;
  }

  /** Returns the canonical Prometheus text, largest units first: 90 minutes prints as {@code 1h30m}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    long rest = millis;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      // Prometheus prints 7d as 1w and 365d as 1y. This never prints weeks or years, because
      // days read better in alert windows, and Prometheus parses both forms.
      if (i < 2) {
        continue;
      }
      long count = rest / UNIT_MILLIS[i];
      if (count > 0) {
        text.append(count).append(UNIT_NAMES[i]);
        rest -= count * UNIT_MILLIS[i];
      }
    }
    return text.toString();
  }

  @Override
  public int compareTo(PromDuration other) {
    return Long.compare(millis, other.millis);
  }
}
