package dev.opsbook.rulegen.model;

import java.util.Map;
import java.util.SortedMap;

/**
 * A recording rule that stores the result of {@code expr} as the series {@code record}.
 *
 * @param record series name in {@code level:metric:operations} form
 * @param expr PromQL expression
 * @param labels labels added to every recorded series
 */
public record RecordingRule(String record, String expr, SortedMap<String, String> labels)
    implements Rule {

  public RecordingRule {
    RuleNames.requireMetricName(record);
    RuleNames.requireNonBlank("expr of " + record, expr);
    labels = RuleNames.sortedLabels(labels);
  }

  public static RecordingRule of(String record, String expr, Map<String, String> labels) {
    return new RecordingRule(record, expr, RuleNames.sortedLabels(labels));
  }

  @Override
  public String name() {
    return record;
  }
}
