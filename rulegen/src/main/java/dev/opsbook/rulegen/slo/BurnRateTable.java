package dev.opsbook.rulegen.slo;

import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The multiwindow, multi-burn-rate table of the Google SRE Workbook, chapter "Alerting on SLOs":
 * a pair alerts when the error ratio over both of its windows shows that a given fraction of the
 * error budget was spent within the long window.
 *
 * <pre>
 * budget spent  long window  short window  severity  factor for a 30d window
 *  2 %          1h           5m            critical  14.4
 *  5 %          6h           30m           critical   6
 * 10 %          1d           2h            warning    3
 * 10 %          3d           6h            warning    1
 * </pre>
 *
 * <p>For an SLO window W the factor is {@code fraction * W / longWindow}.
 */
// TODO: replace with dev.opsbook.spec.BurnRateWindows once the spec module provides it.
public final class BurnRateTable {

  private static final List<Base> BASES =
      List.of(
          new Base(2, "1h", "5m", Severity.CRITICAL),
          new Base(5, "6h", "30m", Severity.CRITICAL),
          new Base(10, "1d", "2h", Severity.WARNING),
          new Base(10, "3d", "6h", Severity.WARNING));

  private BurnRateTable() {}

  /**
   * One alert condition: the error ratio over both windows is at least {@code factor} times the
   * error budget.
   *
   * @param longWindow window that measures the budget spent
   * @param shortWindow window, 1/12 of the long one, that makes the alert resolve soon after the
   *     burn stops
   * @param factor burn-rate factor; 1 means the budget lasts exactly the SLO window
   * @param severity critical pages, warning opens a ticket
   */
  public record WindowPair(
      PromDuration longWindow, PromDuration shortWindow, double factor, Severity severity) {}

  private record Base(int budgetPercent, String longWindow, String shortWindow, Severity severity) {}

  /** Returns the window pairs for an SLO window, highest factor first. */
  public static List<WindowPair> forWindow(PromDuration sloWindow) {
    List<WindowPair> pairs = new ArrayList<>();
    for (Base base : BASES) {
      PromDuration longWindow = PromDuration.parse(base.longWindow());
      // One division of two exact integers, so 30d gives the double nearest to 14.4.
      double factor =
          (double) (base.budgetPercent() * sloWindow.millis()) / (100.0 * longWindow.millis());
      pairs.add(
          new WindowPair(
              longWindow, PromDuration.parse(base.shortWindow()), factor, base.severity()));
    }
    return List.copyOf(pairs);
  }
}
