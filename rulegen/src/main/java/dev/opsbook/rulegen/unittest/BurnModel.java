package dev.opsbook.rulegen.unittest;

import java.util.OptionalDouble;

/**
 * Predicts the SLO series that Prometheus 2.x computes for a test input: a constant error ratio
 * from time 0 until {@code stopSeconds}, then no errors, with constant traffic sampled every
 * {@link #SAMPLE_SECONDS} and rules evaluated every {@code stepSeconds}. Range selectors and subqueries
 * include both ends of their window, as in Prometheus 2.x, and counters start at 0, so {@code
 * rate()} never extrapolates. Windows longer than {@link #LONGEST_RAW_SECONDS} average the
 * recorded 5m rates, as the generated recording rules do.
 *
 * @param ratio bad events over all events while the burn lasts
 * @param gauge true for a gauge SLI, where the subquery sees a sample at time 0 already
 * @param stopSeconds end of the burn; the last bad sample is at this time
 * @param stepSeconds evaluation interval, a multiple of the sample spacing; gauge subqueries
 *     step at it too
 */
record BurnModel(double ratio, boolean gauge, long stopSeconds, long stepSeconds) {

  static final long LONGEST_RAW_SECONDS = 6 * 3600;
  static final long BASE_WINDOW_SECONDS = 300;
  /** Spacing of the input samples, short enough for a 5m rate at any evaluation interval. */
  static final long SAMPLE_SECONDS = 60;

  /** Returns the error ratio over {@code window} at time {@code t}, or empty without samples. */
  OptionalDouble errorRatio(long windowSeconds, long t) {
    if (windowSeconds <= LONGEST_RAW_SECONDS) {
      double[] rates = rates(windowSeconds, t);
      return rates == null ? OptionalDouble.empty() : OptionalDouble.of(rates[0] / rates[1]);
    }
    double bad = 0;
    double total = 0;
    int count = 0;
    for (long point = firstPoint(t - windowSeconds, stepSeconds); point <= t;
        point += stepSeconds) {
      double[] rates = rates(BASE_WINDOW_SECONDS, point);
      if (rates != null) {
        bad += rates[0];
        total += rates[1];
        count++;
      }
    }
    return count == 0 || total == 0 ? OptionalDouble.empty() : OptionalDouble.of(bad / total);
  }

  /**
   * Returns the events in the window at {@code t} as the low-traffic guard counts them, in
   * units of one step's traffic. Windows up to 6h count directly; longer ones sum the recorded
   * 1h rates at hourly subquery points.
   */
  double guardEvents(long windowSeconds, long t) {
    if (windowSeconds <= LONGEST_RAW_SECONDS) {
      double[] rates = rates(windowSeconds, t);
      return rates == null ? 0 : rates[1];
    }
    double events = 0;
    long hour = 3600;
    long first = Math.max(0, Math.floorDiv(t - windowSeconds + hour - 1, hour) * hour);
    for (long point = first; point <= t; point += hour) {
      double[] rates = rates(hour, point);
      if (rates != null) {
        events += rates[1];
      }
    }
    return events;
  }

  /**
   * Returns {bad, total} over the raw window at {@code t}: events in units of one step's traffic
   * for counters, and for gauges the fraction of subquery points that miss the bound, with
   * total 1. Returns null when the window has too few samples.
   */
  private double[] rates(long windowSeconds, long t) {
    if (t < 0) {
      return null;
    }
    if (gauge) {
      long first = firstPoint(t - windowSeconds, stepSeconds);
      long points = (t - first) / stepSeconds + 1;
      long badPoints =
          stopSeconds < first ? 0 : (Math.min(t, stopSeconds) - first) / stepSeconds + 1;
      return new double[] {ratio * badPoints / points, 1};
    }
    long first = firstPoint(t - windowSeconds, SAMPLE_SECONDS);
    if (t - first < SAMPLE_SECONDS) {
      return null;
    }
    double total = (double) (t - first) / SAMPLE_SECONDS;
    double badSteps = Math.max(0, Math.min(t, stopSeconds) - first) / (double) SAMPLE_SECONDS;
    return new double[] {ratio * badSteps, total};
  }

  /** Returns the first multiple of {@code spacing} at or after {@code start}, never before 0. */
  private static long firstPoint(long start, long spacing) {
    if (start <= 0) {
      return 0;
    }
    return Math.floorDiv(start + spacing - 1, spacing) * spacing;
  }
}
