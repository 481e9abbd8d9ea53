package dev.opsbook.spec.model;

import java.util.List;

/** How an SLO counts good and bad events. */
public sealed interface Sli {

  /**
   * Ratio of two counters: bad events over all events.
   *
   * @param badQuery selector of the bad-events counter, such as
   *     {@code http_requests_total{status=~"5.."}}
   * @param totalQuery selector of the all-events counter
   */
  record EventRatio(String badQuery, String totalQuery) implements Sli {}

  /**
   * Requests slower than a threshold, read from a Prometheus histogram.
   *
   * @param metric histogram base name, without {@code _bucket}
   * @param selector label matchers without braces, such as {@code job="spacetime-api"}; may be
   *     empty
   * @param thresholdSeconds requests slower than this are bad; must equal a bucket's {@code le}
   * @param buckets declared bucket bounds in seconds, or empty when not declared
   */
  record Latency(String metric, String selector, double thresholdSeconds, List<Double> buckets)
      implements Sli {
    public Latency {
      buckets = List.copyOf(buckets);
    }
  }

  /**
   * Fraction of time a gauge meets a bound, such as frames per second at or above 90.
   *
   * @param query the gauge selector
   * @param comparison how a good sample compares with the bound
   * @param bound the bound in the gauge's unit
   */
  record GaugeThreshold(String query, Comparison comparison, double bound) implements Sli {}

  /** A PromQL comparison that a good sample satisfies. */
  enum Comparison {
    GREATER_OR_EQUAL(">="),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    LESS("<");

    private final String operator;

    Comparison(String operator) {
      this.operator = operator;
    }

    public String operator() {
      return operator;
    }

    /** Returns the operator that selects bad samples, the negation of this one. */
    public String negatedOperator() {
      return switch (this) {
        case GREATER_OR_EQUAL -> "<";
        case GREATER -> "<=";
        case LESS_OR_EQUAL -> ">";
        case LESS -> ">=";
      };
    }

    public static Comparison fromOperator(String operator) {
      for (Comparison comparison : values()) {
        if (comparison.operator.equals(operator)) {
          return comparison;
        }
      }
      throw new IllegalArgumentException(
          "invalid comparison \"" + operator + "\": use one of >=, >, <=, <");
    }
  }
}
