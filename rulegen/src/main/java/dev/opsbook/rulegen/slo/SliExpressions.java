package dev.opsbook.rulegen.slo;

import dev.opsbook.rulegen.promql.BucketBound;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Sli;

/**
 * PromQL for the bad-event and total-event rates of an SLI over one window, read from the raw
 * series. Each expression sums over all matching series, so an SLO records one series per rate.
 */
final class SliExpressions {

  private SliExpressions() {}

  /**
   * Returns the bad-event rate. For counters it is 0, not missing, while total events exist but
   * no bad-event series does, because a service that never failed may have no 5xx series at all.
   */
  static String badRate(Sli sli, PromDuration window) {
    if (sli instanceof Sli.EventRatio events) {
      return "sum(rate(" + events.badQuery() + "[" + window + "]))"
          + " or (0 * " + totalRate(sli, window) + ")";
    }
    if (sli instanceof Sli.Latency latency) {
      // count >= bucket is true in every scrape, so the clamp only removes rounding noise.
      return "clamp_min(" + totalRate(sli, window)
          + " - sum(rate(" + bucketSelector(latency) + "[" + window + "])), 0)";
    }
    return "sum(" + badFraction((Sli.GaugeThreshold) sli, window) + ")";
  }

  /**
   * Returns the total-event rate. For a gauge the event is one series-second, so the rate is the
   * number of series that had samples in the window.
   */
  static String totalRate(Sli sli, PromDuration window) {
    if (sli instanceof Sli.EventRatio events) {
      return "sum(rate(" + events.totalQuery() + "[" + window + "]))";
    }
    if (sli instanceof Sli.Latency latency) {
      return "sum(rate(" + countSelector(latency) + "[" + window + "]))";
    }
    return "count(" + badFraction((Sli.GaugeThreshold) sli, window) + ")";
  }

  /** Returns {@code metric_count{selector}}. */
  static String countSelector(Sli.Latency latency) {
    return Promql.selectorOf(latency.metric() + "_count", latency.selector());
  }

  /** Returns {@code metric_bucket{selector,le="threshold"}}, matching both {@code le} forms. */
  static String bucketSelector(Sli.Latency latency) {
    return Promql.selectorOf(
        latency.metric() + "_bucket",
        latency.selector(),
        BucketBound.matcher(latency.thresholdSeconds()));
  }

  /**
   * Returns, per gauge series, the fraction of the window's samples that miss the bound. The
   * subquery samples at the rule group's evaluation interval.
   */
  private static String badFraction(Sli.GaugeThreshold gauge, PromDuration window) {
    String bad =
        Promql.parenthesized(gauge.query())
            + " "
            + gauge.comparison().negatedOperator()
            + " bool "
            + Num.format(gauge.bound());
    return "avg_over_time((" + bad + ")[" + window + ":])";
  }
}
