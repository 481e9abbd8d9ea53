package dev.opsbook.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.spec.BurnRateWindows.WindowPair;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurnRateWindowsTest {

  private static PromDuration duration(String text) {
    return PromDuration.parse(text);
  }

  @Test
  void thirtyDaysGivesWorkbookFactors() {
    assertThat(BurnRateWindows.forWindow(duration("30d")))
        .containsExactly(
            new WindowPair(duration("1h"), duration("5m"), 14.4, Severity.CRITICAL),
            new WindowPair(duration("6h"), duration("30m"), 6, Severity.CRITICAL),
            new WindowPair(duration("1d"), duration("2h"), 3, Severity.WARNING),
            new WindowPair(duration("3d"), duration("6h"), 1, Severity.WARNING));
  }

  @Test
  void factorsScaleWithWindow() {
    List<WindowPair> pairs = BurnRateWindows.forWindow(duration("90d"));
    assertThat(pairs).extracting(WindowPair::factor).containsExactly(43.2, 18.0, 9.0, 3.0);
    assertThat(pairs.get(0).longWindow()).isEqualTo(duration("1h"));
  }

  @Test
  void shortWindowFactorsStayAtLeastOne() {
    List<WindowPair> pairs = BurnRateWindows.forWindow(duration("7d"));
    assertThat(pairs).extracting(WindowPair::factor).containsExactly(3.36, 1.4, 1.0, 1.0);
  }

  @Test
  void factorFloorAtSeveralWindows() {
    assertThat(BurnRateWindows.forWindow(duration("4d")))
        .extracting(WindowPair::factor).containsExactly(1.92, 1.0, 1.0, 1.0);
    assertThat(BurnRateWindows.forWindow(duration("28d")))
        .extracting(WindowPair::factor).containsExactly(13.44, 5.6, 2.8, 1.0);
  }

  @Test
  void shortWindowIsOneTwelfth() {
    for (WindowPair pair : BurnRateWindows.forWindow(duration("28d"))) {
      assertThat(pair.shortWindow().millis() * 12).isEqualTo(pair.longWindow().millis());
    }
  }

  @Test
  void maxErrorBudget() {
    WindowPair fastest = BurnRateWindows.highestFactor(duration("30d"));
    assertThat(fastest.maxErrorBudget()).isEqualTo(1 / 14.4);
  }
}
