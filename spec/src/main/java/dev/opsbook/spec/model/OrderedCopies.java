package dev.opsbook.spec.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Unmodifiable map copies that keep the spec's order. {@link Map#copyOf} would randomize the
 * iteration order per JVM run, and generated files must come out the same on every run.
 */
final class OrderedCopies {

  private OrderedCopies() {}

  /** Copies a map, rejecting null keys and null values like {@link Map#copyOf}. */
  static <K, V> Map<K, V> map(Map<K, V> source) {
    Map<K, V> copy = new LinkedHashMap<>();
    source.forEach(
        (key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
    return Collections.unmodifiableMap(copy);
  }

  /** Copies a map, rejecting null keys but keeping null values. */
  static <K, V> Map<K, V> mapWithNullValues(Map<K, V> source) {
    Map<K, V> copy = new LinkedHashMap<>();
    source.forEach((key, value) -> copy.put(Objects.requireNonNull(key), value));
    return Collections.unmodifiableMap(copy);
  }
}
