package dev.opsbook.rulegen.slo;

import dev.opsbook.rulegen.Names;
import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecContext.AlertText;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.spec.BurnRateWindows;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multiwindow, multi-burn-rate alerts of one SLO. All pairs share one alert name and differ in
 * the {@code severity} and {@code window} labels, so Alertmanager's inhibition of a warning by
 * the critical alert of the same name mutes the tickets of an SLO while it pages.
 */
final class SloAlerts {

  public static final String LABEL_WINDOW = "window";

  private static final PromDuration PAGE_FOR = PromDuration.parse("2m");
  private static final PromDuration SHORT_TICKET_FOR = PromDuration.parse("15m");
  private static final PromDuration LONG_TICKET_FOR = PromDuration.parse("1h");
  private static final PromDuration ONE_DAY = PromDuration.parse("1d");

  private final SpecContext context;
  private final SloSeries series;

  SloAlerts(SpecContext context, SloSeries series) {
    this.context = context;
    this.series = series;
  }

  /** Returns the alert name, such as {@code SpacetimeApiAvailabilityBudgetBurn}. */
  static String alertName(String service, Slo slo) {
    return Names.camelCase(service) + Names.camelCase(slo.name()) + "BudgetBurn";
  }

  List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    Slo slo = series.slo();
    for (BurnRateWindows.WindowPair pair : BurnRateWindows.forWindow(slo.window())) {
      // A long window beyond the SLO window would measure more than the budget period.
      if (pair.longWindow().compareTo(slo.window()) <= 0) {
        rules.add(alert(pair));
      }
    }
    return rules;
  }

  /**
   * Returns how long a pair must hold before it fires. Pages wait 2m, so one bad evaluation does
   * not page. Tickets wait longer, because their long windows react slowly anyway.
   */
  static PromDuration holdFor(BurnRateWindows.WindowPair pair) {
    if (pair.severity() == Severity.CRITICAL) {
      return PAGE_FOR;
    }
    return pair.longWindow().compareTo(ONE_DAY) <= 0 ? SHORT_TICKET_FOR : LONG_TICKET_FOR;
  }

  private Rule alert(BurnRateWindows.WindowPair pair) {
    Slo slo = series.slo();
    String name = alertName(context.spec().service(), slo);
    String window = pair.longWindow() + "/" + pair.shortWindow();
    AlertText text =
        new AlertText(name, expr(pair), holdFor(pair), summary(pair), description(pair));
    Map<String, String> labels = series.identity();
    labels.put(LABEL_WINDOW, window);
    return context.alert(text, pair.severity(), labels);
  }

  private String expr(BurnRateWindows.WindowPair pair) {
    Slo slo = series.slo();
    String threshold = Num.format(pair.factor() * slo.errorBudget());
    StringBuilder expr = new StringBuilder();
    expr.append("(\n  ")
        .append(series.select(SloSeries.errorRatio(pair.longWindow())))
        .append(" >= ")
        .append(threshold)
        .append("\nand\n  ")
        .append(series.select(SloSeries.errorRatio(pair.shortWindow())))
        .append(" >= ")
        .append(threshold)
        .append("\n)");
    if (slo.minEvents() > 0) {
      expr.append("\nand\n  ").append(series.eventCount(pair.longWindow())).append(" >= ")
          .append(slo.minEvents());
    }
    return expr.toString();
  }

  private String summary(BurnRateWindows.WindowPair pair) {
    Slo slo = series.slo();
    return "The "
        + slo.name()
        + " SLO of "
        + context.spec().service()
        + " is spending its "
        + slo.window()
        + " error budget with a burn rate of at least "
        + Num.format(pair.factor())
        + ".";
  }

  private String description(BurnRateWindows.WindowPair pair) {
    Slo slo = series.slo();
    double budget = slo.errorBudget();
    PromDuration exhaustion = new PromDuration(Math.round(slo.window().millis() / pair.factor()));
    return "Bad-event ratio over the last "
        + pair.longWindow()
        + " is {{ $value | humanizePercentage }}, and over the last "
        + pair.shortWindow()
        + " it is also at least "
        + Num.percent(pair.factor() * budget)
        + ", a burn rate of "
        + Num.format(pair.factor())
        + " against the error budget of "
        + Num.percent(budget)
        + " (objective "
        + Num.format(slo.objectivePercent())
        + "%: "
        + slo.description()
        + "). At this rate the "
        + slo.window()
        + " error budget is spent within "
        + exhaustion
        + ".";
  }
}
