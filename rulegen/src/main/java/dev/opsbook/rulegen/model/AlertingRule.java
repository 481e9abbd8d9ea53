package dev.opsbook.rulegen.model;

import dev.opsbook.spec.model.PromDuration;
import java.util.Map;
import java.util.SortedMap;

/**
 * An alerting rule.
 *
 * @param alert alert name in CamelCase
 * @param expr PromQL expression; every output series is an alert
 * @param forDuration how long the expression must hold before the alert fires, or {@code null} to
 *     fire at the first evaluation
 * @param labels labels added to the alert, such as {@code severity}
 * @param annotations {@code summary}, {@code description} and {@code runbook_url}; values may
 *     use Prometheus templates such as {@code {{ $value }}}
 */
public record AlertingRule(
    String alert,
    String expr,
    PromDuration forDuration,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations)
    implements Rule {

  public AlertingRule {
    RuleNames.requireNonBlank("alert name", alert);
    RuleNames.requireMetricName(alert);
    RuleNames.requireNonBlank("expr of " + alert, expr);
    labels = RuleNames.sortedLabels(labels);
    annotations = RuleNames.sortedLabels(annotations);
  }

  public static AlertingRule of(
      String alert,
      String expr,
      PromDuration forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {
    return new AlertingRule(
        alert,
        expr,
        forDuration,
        RuleNames.sortedLabels(labels),
        RuleNames.sortedLabels(annotations));
  }

  @Override
  public String name() {
    return alert;
  }
}
