package dev.opsbook.spec;

import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The multiwindow, multi-burn-rate alert table of the Google SRE workbook ("Alerting on SLOs"),
 * scaled to the SLO window. The validator and rulegen both read it, so the checked factors are
 * the generated ones.
 *
 * <p>Each pair alerts when a fraction of the error budget is spent within its long window:
 *
 * <pre>
 * budget spent  long window  short window  severity   factor for a 30d window
 *  2 %          1h           5m            critical   14.4
 *  5 %          6h           30m           critical    6
 * 10 %          1d           2h            warning     3
 * 10 %          3d           6h            warning     1
 * </pre>
 *
 * <p>For an SLO window W, the burn-rate factor of a pair is {@code fraction * W / longWindow},
 * but at least 1. A burn rate below 1 spends less than the whole budget in W, so an alert below
 * factor 1 would fire while the SLO is still on track to be met. Windows under 30d reach that
 * floor: 7d gives 3.36, 1.4, 1 and 1 instead of 3.36, 1.4, 0.7 and 0.233. The short window is
 * 1/12 of the long one and makes the alert resolve soon after the burn stops.
 */
public final class BurnRateWindows {

  /** Maximum long window of the table. An SLO window must be longer than this. */
  public static final PromDuration MAX_LONG_WINDOW = PromDuration.parse("3d");

  private static final List<Base> BASES =
      List.of(
          new Base(2, "1h", "5m", Severity.CRITICAL),
          new Base(5, "6h", "30m", Severity.CRITICAL),
          new Base(10, "1d", "2h", Severity.WARNING),
          new Base(10, "3d", "6h", Severity.WARNING));

  private BurnRateWindows() {}

  /**
   * One alert condition: the error ratio over both windows exceeds {@code factor} times the error
   * budget.
   *
   * @param longWindow window that measures the budget spent
   * @param shortWindow window, 1/12 of the long one, that confirms the burn is still going on
   * @param factor burn-rate factor, at least 1. A burn rate of 1 spends the budget in exactly
   *     the SLO window.
   * @param severity severity of the alert, critical pages and warning opens a ticket
   */
  public record WindowPair(
      PromDuration longWindow, PromDuration shortWindow, double factor, Severity severity) {

    /** Returns the highest error budget, as a ratio, for which this pair can still fire. */
    public double maxErrorBudget() {
      return 1.0 / factor;
    }
  }

  private record Base(
      int budgetPercent, String longWindow, String shortWindow, Severity severity) {}

  /** Returns the four window pairs for an SLO window, highest factor first. */
  public static List<WindowPair> forWindow(PromDuration sloWindow) {
    List<WindowPair> pairs = new ArrayList<>();
    for (Base base : BASES) {
      PromDuration longWindow = PromDuration.parse(base.longWindow());
      // One division of two exact integers, so 30d gives exactly the double nearest 14.4.
      double scaled =
          (double) (base.budgetPercent() * sloWindow.millis()) / (100.0 * longWindow.millis());
      double factor = Math.max(1.0, scaled);
      pairs.add(
          new WindowPair(
              longWindow, PromDuration.parse(base.shortWindow()), factor, base.severity()));
    }
    return List.copyOf(pairs);
  }

  /** Returns the pair with the highest factor, the first to become unreachable as budgets grow. */
  public static WindowPair highestFactor(PromDuration sloWindow) {
    return forWindow(sloWindow).get(0);
  }
}
