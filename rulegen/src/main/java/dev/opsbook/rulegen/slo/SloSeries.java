package dev.opsbook.rulegen.slo;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Slo;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names and selectors of the series recorded for one SLO. Every series carries the labels {@code
 * service} and {@code slo}, which the selectors match on.
 */
public final class SloSeries {

  public static final String LABEL_SLO = "slo";

  private static final PromDuration ONE_HOUR = PromDuration.parse("1h");

  private final String service;
  private final Slo slo;

  public SloSeries(String service, Slo slo) {
    this.service = service;
    this.slo = slo;
  }

  public static String badRate(PromDuration window) {
    return "slo:sli_bad:rate" + window;
  }

  public static String totalRate(PromDuration window) {
    return "slo:sli_total:rate" + window;
  }

  public static String errorRatio(PromDuration window) {
    return "slo:sli_error:ratio_rate" + window;
  }

  public static String burnRate(PromDuration window) {
    return "slo:burn_rate:ratio_rate" + window;
  }

  public static String errorBudgetRemaining(PromDuration window) {
    return "slo:error_budget_remaining:ratio_rate" + window;
  }

  public static final String OBJECTIVE = "slo:objective:ratio";
  public static final String ERROR_BUDGET = "slo:error_budget:ratio";

  /** Returns the labels that identify this SLO's series, on top of the spec's labels. */
  public Map<String, String> identity() {
    Map<String, String> labels = new TreeMap<>(slo.labels());
    labels.put(LABEL_SLO, slo.name());
    labels.put(SpecContext.LABEL_SERVICE, service);
    return labels;
  }

  /** Returns a selector of a recorded series of this SLO: {@code name{service="..",slo=".."}}. */
  public String select(String recordedName) {
    return Promql.selector(
        recordedName, Map.of(SpecContext.LABEL_SERVICE, service, LABEL_SLO, slo.name()));
  }

  public Slo slo() {
    return slo;
  }

  /**
   * Returns the number of events in a window, for the low-traffic guard. For a raw window, rate()
   * divides the observed increase by the window length, so rate times length is the count even
   * when the series is younger than the window. A recorded long window would extrapolate a young
   * series to the full window instead, so its count sums the recorded 1h rates at a 1h subquery
   * step, one per hour of the window.
   *
   * <p>NOTE: Prometheus 2.42 includes both ends of the subquery range, as promtool's tests of the
   * guard show, so at an evaluation on a whole hour the sum has one hour more, such as 25 for 1d,
   * and the count is up to 1/24 too high.
   */
  public String eventCount(PromDuration window) {
    if (window.compareTo(SloRecordings.LONGEST_RAW_WINDOW) <= 0) {
      return select(SloSeries.totalRate(window)) + " * " + Num.format(window.seconds());
    }
    return "sum_over_time(" + select(SloSeries.totalRate(ONE_HOUR)) + "[" + window + ":"
        + ONE_HOUR + "]) * " + Num.format(ONE_HOUR.seconds());
  }
}
