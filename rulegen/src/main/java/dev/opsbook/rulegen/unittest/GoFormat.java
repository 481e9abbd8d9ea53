package dev.opsbook.rulegen.unittest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting of the Prometheus 2.x template functions, which use Go's {@code fmt}. The
 * expected annotations of a promtool test must match promtool's rendering character for
 * character.
 */
final class GoFormat {

  private static final String[] LARGE_PREFIXES = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
  private static final String[] SMALL_PREFIXES = {"m", "u", "n", "p", "f", "a", "z", "y"};

  private GoFormat() {}

  /** Formats as Go's {@code %v} of a float64, which {@code {{ $value }}} prints. */
  static String plain(double value) {
    if (value == 0) {
      return "0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    // Go's shortest %v switches to the exponent form below 1e-4 and from 1e21 on.
    return format(shortest, -4, 21);
  }

  /**
   * Formats as Go's {@code %.0f}: the exact binary value rounded to a whole number, ties to
   * even.
   */
  static String wholeNumber(double value) {
    return new BigDecimal(value).setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Formats as Go's {@code %.4g}. */
  static String fourDigits(double value) {
    if (value == 0) {
      return "0";
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    // The exact binary value, rounded half to even as Go's strconv does.
    BigDecimal rounded =
        new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return format(rounded, -4, 4);
  }

  /** Formats like Prometheus' {@code humanize}: four digits and an SI prefix. */
  static String humanize(double value) {
    if (value == 0) {
      return fourDigits(value);
    }
    String prefix = "";
    double scaled = value;
    if (Math.abs(scaled) >= 1) {
      for (String next : LARGE_PREFIXES) {
        if (Math.abs(scaled) < 1000) {
          break;
        }
        prefix = next;
        scaled /= 1000;
      }
    } else {
      for (String next : SMALL_PREFIXES) {
        if (Math.abs(scaled) >= 1) {
          break;
        }
        prefix = next;
        scaled *= 1000;
      }
    }
    return fourDigits(scaled) + prefix;
  }

  /** Formats like Prometheus' {@code humanizePercentage}: the ratio times 100 and a percent sign. */
  static String humanizePercentage(double ratio) {
    return fourDigits(ratio * 100) + "%";
  }

  /** Formats seconds like Prometheus' {@code humanizeDuration}, such as {@code 1d 2h 0m 5s}. */
  static String humanizeDuration(double seconds) {
    if (seconds == 0) {
      return "0s";
    }
    if (Math.abs(seconds) < 1) {
      String prefix = "";
      double scaled = seconds;
      for (String next : SMALL_PREFIXES) {
        if (Math.abs(scaled) >= 1) {
          break;
        }
        prefix = next;
        scaled *= 1000;
      }
      return fourDigits(scaled) + prefix + "s";
    }
    String sign = seconds < 0 ? "-" : "";
    double magnitude = Math.abs(seconds);
    long whole = (long) magnitude;
    long secs = whole % 60;
    long minutes = whole / 60 % 60;
    long hours = whole / 3600 % 24;
    long days = whole / 86_400;
    if (days != 0) {
      return sign + days + "d " + hours + "h " + minutes + "m " + secs + "s";
    }
    if (hours != 0) {
      return sign + hours + "h " + minutes + "m " + secs + "s";
    }
    if (minutes != 0) {
      return sign + minutes + "m " + secs + "s";
    }
    return sign + fourDigits(magnitude) + "s";
  }

  /** Prints plain digits for decimal exponents in [low, high), else Go's exponent form. */
  private static String format(BigDecimal value, int low, int high) {
    int exponent = value.precision() - value.scale() - 1;
    if (exponent >= low && exponent < high) {
      return value.toPlainString();
    }
    String digits = value.unscaledValue().abs().toString();
    StringBuilder text = new StringBuilder(value.signum() < 0 ? "-" : "");
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
