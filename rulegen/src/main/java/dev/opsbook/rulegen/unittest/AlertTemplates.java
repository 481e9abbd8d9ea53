package dev.opsbook.rulegen.unittest;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the annotation templates that rulegen writes, as Prometheus does when an alert fires.
 * Only the forms rulegen uses are supported: {@code {{ $labels.NAME }}}, {@code {{ $value }}},
 * {@code $value} piped to {@code humanize}, {@code humanizePercentage}, {@code humanizeDuration}
 * or {@code printf "%.0f"}, and {@code {{ if lt $value N }}A{{ else }}B{{ end }}}.
 */
final class AlertTemplates {

  private static final Pattern ACTION =
      Pattern.compile("\\{\\{\\s*(?:\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)|\\$value"
          + "(?:\\s*\\|\\s*(humanize|humanizePercentage|humanizeDuration|printf \"%\\.0f\"))?)"
          + "\\s*}}");

  private static final Pattern IF_LESS_THAN =
      Pattern.compile("\\{\\{\\s*if lt \\$value (-?[0-9.]+)\\s*}}(.*?)\\{\\{\\s*else\\s*}}(.*?)"
          + "\\{\\{\\s*end\\s*}}");

  private AlertTemplates() {}

  /**
   * Returns the annotations with every template expanded.
   *
   * @param labels labels of the alert's series before the rule's labels are added, which is
   *     what {@code $labels} holds in Prometheus
   * @param value the sample value of the alert
   * @throws IllegalArgumentException on a template action of another form
   */
  static SortedMap<String, String> expand(
      Map<String, String> annotations, Map<String, String> labels, double value) {
    SortedMap<String, String> expanded = new TreeMap<>();
    annotations.forEach((key, text) -> expanded.put(key, expand(text, labels, value)));
    return expanded;
  }

  static String expand(String text, Map<String, String> labels, double value) {
    Matcher matcher = ACTION.matcher(chooseBranches(text, value));
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group(1) != null) {
        // $labels is a map[string]string in Prometheus, so a missing label prints as "".
        replacement = labels.getOrDefault(matcher.group(1), "");
      } else {
        replacement = formatValue(matcher.group(2), value);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    String result = out.toString();
    if (result.contains("{{")) {
      throw new IllegalArgumentException("unsupported template action in: " + text);
    }
    return result;
  }

  /** Replaces each {@code if lt $value N} block with the branch that Prometheus would print. */
  private static String chooseBranches(String text, double value) {
    Matcher matcher = IF_LESS_THAN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String branch = value < Double.parseDouble(matcher.group(1)) ? matcher.group(2) : matcher.group(3);
      matcher.appendReplacement(out, Matcher.quoteReplacement(branch));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String formatValue(String function, double value) {
    if (function == null) {
      return GoFormat.plain(value);
    }
    return switch (function) {
      case "humanize" -> GoFormat.humanize(value);
      case "humanizePercentage" -> GoFormat.humanizePercentage(value);
      case "humanizeDuration" -> GoFormat.humanizeDuration(value);
      case "printf \"%.0f\"" -> GoFormat.wholeNumber(value);
      default -> throw new IllegalArgumentException("unsupported template function " + function);
    };
  }
}
