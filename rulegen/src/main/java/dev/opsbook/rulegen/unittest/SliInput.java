package dev.opsbook.rulegen.unittest;

import dev.opsbook.rulegen.promql.BucketBound;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.Sli;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Input series of an SLI: which series carry bad and good events, and how to write a burn of a
 * given error ratio as promtool samples. Counters count {@link #EVENTS_PER_STEP} events per
 * step; a gauge SLI uses several series, some of which miss the bound.
 */
abstract sealed class SliInput {

  /** Events per step, a power of ten; a min_events above it makes the guard start later. */
  static final long EVENTS_PER_STEP = 100_000;

  /** Returns the input for an SLI, or empty when its selectors are not plain selectors. */
  static Optional<SliInput> of(Sli sli) {
    if (sli instanceof Sli.EventRatio events) {
      return Counters.of(events);
    }
    if (sli instanceof Sli.Latency latency) {
      return Histogram.of(latency);
    }
    return Gauges.of((Sli.GaugeThreshold) sli);
  }

  /**
   * A burn as the samples can express it.
   *
   * @param bad bad events per step, or bad gauge series
   * @param total events per step, or gauge series
   */
  record Burn(long bad, long total) {

    double ratio() {
      return (double) bad / total;
    }
  }

  /**
   * Returns the burn closest above {@code target}, or below it when {@code above} is false.
   *
   * @param maxSeries most gauge series to use
   */
  abstract Burn burn(double target, boolean above, int maxSeries);

  /** Returns whether {@link #burn} finds a burn for these arguments instead of throwing. */
  boolean canBurn(double target, boolean above, int maxSeries) {
    return true;
  }

  abstract boolean gauge();

  /**
   * Returns the series of a burn from time 0 to {@code stopStep}, then without errors until
   * {@code lastStep}.
   */
  abstract List<UnitTestFile.Series> series(Burn burn, long stopStep, long lastStep);

  /**
   * Returns series in which every event is bad, {@code eventsPerStep} events per step from time 0
   * to {@code lastStep}.
   *
   * @param eventsPerStep a decimal number in plain notation, such as {@code 1.583}
   * @throws UnsupportedOperationException for a gauge SLI, which counts series-seconds
   */
  abstract List<UnitTestFile.Series> allBadSeries(String eventsPerStep, long lastStep);

  /** Rounds a count to four significant digits, up or down, so ratios print exactly. */
  static long fourDigits(double value, boolean up) {
    long magnitude = 1;
    while (value / magnitude >= 10_000) {
      magnitude *= 10;
    }
    double scaled = value / magnitude;
    long rounded = (long) (up ? Math.ceil(scaled - 1e-9) : Math.floor(scaled + 1e-9));
    return rounded * magnitude;
  }

  /** Returns promtool values of a counter that grows by {@code before} per step, then {@code after}. */
  static String counter(long before, long after, long stopStep, long lastStep) {
    StringBuilder values = new StringBuilder("0+").append(before).append('x').append(stopStep);
    if (lastStep > stopStep) {
      long start = before * stopStep + after;
      values.append(' ').append(start).append('+').append(after).append('x')
          .append(lastStep - stopStep - 1);
    }
    return values.toString();
  }

  static String text(Map<String, String> labels) {
    Map<String, String> rest = new TreeMap<>(labels);
    String name = rest.remove("__name__");
    return Promql.selector(name, rest);
  }

  /** Counters: bad events on one series, good events on another. */
  static final class Counters extends SliInput {

    private final Map<String, String> badLabels;
    private final Map<String, String> otherLabels;
    private final boolean otherCountsAll;

    private Counters(Map<String, String> bad, Map<String, String> other, boolean countsAll) {
      this.badLabels = bad;
      this.otherLabels = other;
      this.otherCountsAll = countsAll;
    }

    static Optional<SliInput> of(Sli.EventRatio events) {
      Optional<Selector> bad = Selector.parse(events.badQuery());
      Optional<Selector> total = Selector.parse(events.totalQuery());
      if (bad.isEmpty() || total.isEmpty()) {
        return Optional.empty();
      }
      // A bad series that the total selector also counts, as in status=~"5.." of all requests.
      Optional<Map<String, String>> both = bad.get().and(total.get()).example(Map.of());
      if (both.isPresent()) {
        return bad.get()
            .counterExample(total.get(), both.get())
            .map(good -> new Counters(both.get(), good, false));
      }
      // Separate metrics, such as errors_total and requests_total.
      Optional<Map<String, String>> badOnly = bad.get().example(Map.of());
      Optional<Map<String, String>> totalOnly = total.get().example(Map.of());
      if (badOnly.isEmpty() || totalOnly.isEmpty() || bad.get().matches(totalOnly.get())
          || total.get().matches(badOnly.get())) {
        return Optional.empty();
      }
      return Optional.of(new Counters(badOnly.get(), totalOnly.get(), true));
    }

    @Override
    Burn burn(double target, boolean above, int maxSeries) {
      return new Burn(fourDigits(target * EVENTS_PER_STEP, above), EVENTS_PER_STEP);
    }

    @Override
    boolean gauge() {
      return false;
    }

    @Override
    List<UnitTestFile.Series> series(Burn burn, long stopStep, long lastStep) {
      long good = otherCountsAll ? burn.total() : burn.total() - burn.bad();
      return List.of(
          new UnitTestFile.Series(text(badLabels), counter(burn.bad(), 0, stopStep, lastStep)),
          new UnitTestFile.Series(
              text(otherLabels), counter(good, burn.total(), stopStep, lastStep)));
    }

    @Override
    List<UnitTestFile.Series> allBadSeries(String eventsPerStep, long lastStep) {
      String all = "0+" + eventsPerStep + "x" + lastStep;
      String other = otherCountsAll ? all : "0+0x" + lastStep;
      return List.of(
          new UnitTestFile.Series(text(badLabels), all),
          new UnitTestFile.Series(text(otherLabels), other));
    }
  }

  /** A histogram: the count and the bucket at the latency threshold. */
  static final class Histogram extends SliInput {

    private final Map<String, String> countLabels;
    private final Map<String, String> bucketLabels;

    private Histogram(Map<String, String> count, Map<String, String> bucket) {
      this.countLabels = count;
      this.bucketLabels = bucket;
    }

    static Optional<SliInput> of(Sli.Latency latency) {
      Optional<Map<String, String>> count =
          Selector.of(latency.metric() + "_count", latency.selector())
              .flatMap(selector -> selector.example(Map.of()));
      if (count.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> bucket = new TreeMap<>(count.get());
      bucket.put("__name__", latency.metric() + "_bucket");
      bucket.put("le", BucketBound.spellings(latency.thresholdSeconds()).get(0));
      return Optional.of(new Histogram(count.get(), bucket));
    }

    @Override
    Burn burn(double target, boolean above, int maxSeries) {
      return new Burn(fourDigits(target * EVENTS_PER_STEP, above), EVENTS_PER_STEP);
    }

    @Override
    boolean gauge() {
      return false;
    }

    @Override
    List<UnitTestFile.Series> series(Burn burn, long stopStep, long lastStep) {
      long fast = burn.total() - burn.bad();
      return List.of(
          new UnitTestFile.Series(
              text(countLabels), counter(burn.total(), burn.total(), stopStep, lastStep)),
          new UnitTestFile.Series(
              text(bucketLabels), counter(fast, burn.total(), stopStep, lastStep)));
    }

    @Override
    List<UnitTestFile.Series> allBadSeries(String eventsPerStep, long lastStep) {
      // The bucket at the threshold stays at 0, so every event is slower than the threshold.
      return List.of(
          new UnitTestFile.Series(text(countLabels), "0+" + eventsPerStep + "x" + lastStep),
          new UnitTestFile.Series(text(bucketLabels), "0+0x" + lastStep));
    }
  }

  /** Gauges: {@code total} series, {@code bad} of them missing the bound while the burn lasts. */
  static final class Gauges extends SliInput {

    private static final String SERIES_LABEL = "instance";

    private final Map<String, String> labels;
    private final double goodValue;
    private final double badValue;

    private Gauges(Map<String, String> labels, double goodValue, double badValue) {
      this.labels = labels;
      this.goodValue = goodValue;
      this.badValue = badValue;
    }

    static Optional<SliInput> of(Sli.GaugeThreshold gauge) {
      Optional<Selector> selector = Selector.parse(gauge.query());
      if (selector.isEmpty()) {
        return Optional.empty();
      }
      Optional<Map<String, String>> labels = selector.get().example(Map.of());
      if (labels.isEmpty() || labels.get().containsKey(SERIES_LABEL)) {
        return Optional.empty();
      }
      double margin = Math.max(1, Math.abs(gauge.bound()) * 0.1);
      boolean goodAbove =
          gauge.comparison() == Sli.Comparison.GREATER_OR_EQUAL
              || gauge.comparison() == Sli.Comparison.GREATER;
      double good = goodAbove ? gauge.bound() + margin : gauge.bound() - margin;
      double bad = goodAbove ? gauge.bound() - margin : gauge.bound() + margin;
      return Optional.of(new Gauges(labels.get(), good, bad));
    }

    /**
     * Picks the fewest series whose bad fraction lies within 0.5 % of the target, on the
     * requested side, or else the closest fraction within 1 % on the other side.
     */
    @Override
    Burn burn(double target, boolean above, int maxSeries) {
      Burn best = closest(target, above, maxSeries);
      if (best == null) {
        throw new IllegalArgumentException("no gauge burn near ratio " + target + " with at most "
            + maxSeries + " series");
      }
      return best;
    }

    @Override
    boolean canBurn(double target, boolean above, int maxSeries) {
      return closest(target, above, maxSeries) != null;
    }

    private static Burn closest(double target, boolean above, int maxSeries) {
      Burn best = null;
      double bestError = Double.MAX_VALUE;
      for (int total = 1; total <= maxSeries; total++) {
        long bad = above ? (long) Math.ceil(target * total) : (long) Math.floor(target * total);
        if (bad < 1 || bad > total) {
          continue;
        }
        double factor = (double) bad / total / target;
        boolean close = above ? factor <= 1.005 : factor >= 0.995;
        if (close) {
          return new Burn(bad, total);
        }
        double error = Math.abs(factor - 1);
        if (error < bestError && error < 0.01) {
          best = new Burn(bad, total);
          bestError = error;
        }
      }
      return best;
    }

    @Override
    boolean gauge() {
      return true;
    }

    @Override
    List<UnitTestFile.Series> series(Burn burn, long stopStep, long lastStep) {
      List<UnitTestFile.Series> series = new ArrayList<>();
      int width = String.valueOf(burn.total()).length();
      for (long i = 0; i < burn.total(); i++) {
        Map<String, String> instance = new TreeMap<>(labels);
        // Locale.ROOT keeps the digits ASCII: a Persian or Arabic default locale prints others.
        String number = String.format(Locale.ROOT, "%0" + width + "d", i + 1);
        instance.put(SERIES_LABEL, "test-" + number);
        String values;
        if (i < burn.bad()) {
          values = num(badValue) + "x" + stopStep;
          if (lastStep > stopStep) {
            values += " " + num(goodValue) + "x" + (lastStep - stopStep - 1);
          }
        } else {
          values = num(goodValue) + "x" + lastStep;
        }
        series.add(new UnitTestFile.Series(text(instance), values));
      }
      return series;
    }

    @Override
    List<UnitTestFile.Series> allBadSeries(String eventsPerStep, long lastStep) {
      throw new UnsupportedOperationException(
          "a gauge SLI counts series-seconds, so it has no events per step");
    }

    private static String num(double value) {
      return dev.opsbook.rulegen.promql.Num.format(value);
    }
  }
}
