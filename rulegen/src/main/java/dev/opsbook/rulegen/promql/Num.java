package dev.opsbook.rulegen.promql;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats numbers for rule expressions and annotations. */
public final class Num {

  /**
   * Twelve significant digits remove the binary noise of products such as {@code 14.4 * 0.001}
   * while keeping every digit a spec can reasonably contain.
   */
  private static final MathContext PRECISION = new MathContext(12);

  private Num() {}

  /** Formats a finite number in plain notation: 100, 0.0144, 99.9. */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(PRECISION).stripTrailingZeros().toPlainString();
  }

  /** Formats a ratio as a percentage: 0.001 prints as {@code 0.1%}. */
  public static String percent(double ratio) {
    return format(ratio * 100) + "%";
  }
}
