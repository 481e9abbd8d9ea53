package dev.opsbook.rulegen.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks of the names Prometheus accepts, shared by the rule records. */
final class RuleNames {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private RuleNames() {}

  static String requireMetricName(String name) {
    if (name == null || !METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name \"" + name + "\"");
    }
    return name;
  }

  static String requireNonBlank(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }

  /** Returns an unmodifiable sorted copy after checking every key is a valid label name. */
  static SortedMap<String, String> sortedLabels(Map<String, String> labels) {
    TreeMap<String, String> copy = new TreeMap<>();
    labels.forEach(
        (name, value) -> {
          if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("invalid label name \"" + name + "\"");
          }
          if (value == null) {
            throw new IllegalArgumentException("label " + name + " has no value");
          }
          copy.put(name, value);
        });
    return Collections.unmodifiableSortedMap(copy);
  }
}
