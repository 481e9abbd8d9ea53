package dev.opsbook.rulegen.promql;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Spellings of a histogram bucket's {@code le} label. Client libraries print the same bound
 * differently: the Go client writes {@code strconv.FormatFloat(v, 'g', -1, 64)} ({@code 1},
 * {@code 0.2}), the Java client 1.x writes {@code Double.toString} ({@code 1.0}, {@code 0.2}),
 * and Prometheus 3 rewrites {@code le} to the float form on ingestion. A matcher that accepts
 * both spellings works with any of them.
 */
public final class BucketBound {

  private BucketBound() {}

  /** Returns the distinct spellings, Go form first. */
  public static List<String> spellings(double bound) {
    Set<String> spellings = new LinkedHashSet<>();
    spellings.add(goFormat(bound));
    spellings.add(Double.toString(bound));
    return List.copyOf(spellings);
  }

  /** Returns {@code le="0.2"}, or {@code le=~"1|1\\.0"} when the spellings differ. */
  public static String matcher(double bound) {
    List<String> spellings = spellings(bound);
    if (spellings.size() == 1) {
      return Promql.equal("le", spellings.get(0));
    }
    List<String> quoted = spellings.stream().map(Promql::quoteRegex).toList();
    return "le=~" + Promql.string(String.join("|", quoted));
  }

  /** Formats like Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}. */
  static String goFormat(double value) {
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    // Go picks the exponent form when the decimal exponent is below -4 or at least 6.
    if (exponent < -4 || exponent >= 6) {
      return exponentForm(shortest, exponent);
    }
    return shortest.toPlainString();
  }

  private static String exponentForm(BigDecimal shortest, int exponent) {
    String digits = shortest.unscaledValue().abs().toString();
    StringBuilder text = new StringBuilder(shortest.signum() < 0 ? "-" : "");
    text.append(digits.charAt(0));
    if (digits.length() > 1) {
      text.append('.').append(digits, 1, digits.length());
    }
    text.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      text.append('0');
    }
    return text.append(magnitude).toString();
  }
}
