package dev.opsbook.rulegen.slo;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.model.RecordingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Recording rules of one SLO: bad and total event rates, the error ratio and burn rate per window,
 * and the error budget left in the SLO window.
 *
 * <p>Windows up to {@link #LONGEST_RAW_WINDOW} are {@code rate()} over the raw series. Longer
 * windows average the recorded 5m rates: {@code avg_over_time(bad5m[1d]) /
 * avg_over_time(total5m[1d])} equals the ratio of the summed counts, because both averages
 * divide by the same number of samples and every event is counted in the same number of
 * overlapping 5m windows.
 */
final class SloRecordings {

  static final PromDuration BASE_WINDOW = PromDuration.parse("5m");
  static final PromDuration LONGEST_RAW_WINDOW = PromDuration.parse("6h");

  private static final List<PromDuration> STANDARD_WINDOWS =
      List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d").stream().map(PromDuration::parse).toList();

  private final SpecContext context;
  private final SloSeries series;

  SloRecordings(SpecContext context, SloSeries series) {
    this.context = context;
    this.series = series;
  }

  /** Returns every window this SLO records: the burn-rate windows and the SLO window. */
  static SortedSet<PromDuration> windows(Slo slo) {
    SortedSet<PromDuration> windows = new TreeSet<>();
    for (PromDuration window : STANDARD_WINDOWS) {
      if (window.compareTo(slo.window()) <= 0) {
        windows.add(window);
      }
    }
    windows.add(slo.window());
    return windows;
  }

  /** Returns the rules in evaluation order: every rule reads only rules listed before it. */
  List<Rule> rules() {
    Slo slo = series.slo();
    SortedSet<PromDuration> windows = windows(slo);
    List<Rule> rules = new ArrayList<>();
    for (PromDuration window : windows) {
      rules.add(record(SloSeries.badRate(window), badRate(window)));
      rules.add(record(SloSeries.totalRate(window), totalRate(window)));
    }
    for (PromDuration window : windows) {
      rules.add(record(SloSeries.errorRatio(window), errorRatio(window)));
    }
    String budget = Num.format(slo.errorBudget());
    for (PromDuration window : windows) {
      rules.add(
          record(
              SloSeries.burnRate(window),
              series.select(SloSeries.errorRatio(window)) + " / " + budget));
    }
    String objective = Num.format(slo.objectivePercent() / 100);
    rules.add(record(SloSeries.OBJECTIVE, "vector(" + objective + ")"));
    rules.add(record(SloSeries.ERROR_BUDGET, "vector(" + budget + ")"));
    rules.add(record(SloSeries.errorBudgetRemaining(slo.window()), budgetRemaining(budget)));
    return rules;
  }

  private String badRate(PromDuration window) {
    if (window.compareTo(LONGEST_RAW_WINDOW) <= 0) {
      return SliExpressions.badRate(series.slo().sli(), window);
    }
    return "avg_over_time(" + series.select(SloSeries.badRate(BASE_WINDOW)) + "[" + window + "])";
  }

  private String totalRate(PromDuration window) {
    if (window.compareTo(LONGEST_RAW_WINDOW) <= 0) {
      return SliExpressions.totalRate(series.slo().sli(), window);
    }
    return "avg_over_time(" + series.select(SloSeries.totalRate(BASE_WINDOW)) + "[" + window + "])";
  }

  /** Without events the ratio has no sample: {@code > 0} drops the 0/0 that would be NaN. */
  private String errorRatio(PromDuration window) {
    return series.select(SloSeries.badRate(window))
        + " / ("
        + series.select(SloSeries.totalRate(window))
        + " > 0)";
  }

  /**
   * Returns 1 - ratio / budget. A window without any event spent no budget, so the remaining
   * budget is 1 when the total rate is 0. When events exist but the bad rate has no sample, as
   * for a histogram without the threshold bucket, the remaining budget is unknown and has none.
   */
  private String budgetRemaining(String budget) {
    PromDuration window = series.slo().window();
    return "(1 - "
        + series.select(SloSeries.errorRatio(window))
        + " / "
        + budget
        + ") or (("
        + series.select(SloSeries.totalRate(window))
        + " == 0) + 1)";
  }

  private RecordingRule record(String name, String expr) {
    return context.record(name, expr, series.identity());
  }
}
