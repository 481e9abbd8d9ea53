package dev.opsbook.exporter.collect;

import java.util.Map;
import java.util.TreeMap;

/**
 * One value of one metric, as a collector produced it.
 *
 * @param name metric name, one of {@code dev.opsbook.spec.MetricNames}; counters include the
 *     {@code _total} suffix
 * @param type gauge or counter
 * @param labels label names to values, sorted by name; the {@code host} label is added by the
 *     scheduler, so collectors leave it out
 * @param value the value
 */
public record Sample(String name, Type type, Map<String, String> labels, double value) {

  /** Metric type of a sample. */
  public enum Type {
    GAUGE,
    COUNTER
  }

  public Sample {
    labels = Map.copyOf(new TreeMap<>(labels));
  }

  public static Sample gauge(String name, Map<String, String> labels, double value) {
    return new Sample(name, Type.GAUGE, labels, value);
  }

  public static Sample counter(String name, Map<String, String> labels, double value) {
    return new Sample(name, Type.COUNTER, labels, value);
  }
}
