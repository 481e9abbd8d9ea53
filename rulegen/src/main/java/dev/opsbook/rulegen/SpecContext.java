package dev.opsbook.rulegen;

import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.RecordingRule;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Spec;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts every generated rule shares: the spec's labels, the {@code service} label and the
 * runbook link of each alert.
 */
public final class SpecContext {

  public static final String LABEL_SERVICE = "service";
  public static final String LABEL_SEVERITY = "severity";

  private final Spec spec;
  private final RuleOverrides overrides;

  public SpecContext(Spec spec) {
    this(spec, RuleOverrides.NONE);
  }

  /** @param overrides test overrides that change how rules are built, {@code NONE} in production */
  public SpecContext(Spec spec, RuleOverrides overrides) {
    this.spec = spec;
    this.overrides = overrides;
  }

  public Spec spec() {
    return spec;
  }

  public RuleOverrides overrides() {
    return overrides;
  }

  /** Returns the spec's labels with {@code service} set; {@code service} wins over a spec label. */
  public Map<String, String> baseLabels() {
    Map<String, String> labels = new TreeMap<>(spec.labels());
    labels.put(LABEL_SERVICE, spec.service());
    return labels;
  }

  /**
   * Returns a recording rule with the base labels and the given extra labels. An extra label,
   * such as an SLO's own label, wins over a spec label of the same name.
   */
  public RecordingRule record(String name, String expr, Map<String, String> extraLabels) {
    return RecordingRule.of(name, expr, withBaseLabels(extraLabels));
  }

  /**
   * Returns an alerting rule with the base labels, the extra labels, {@code severity} and the
   * annotations {@code summary}, {@code description} and {@code runbook_url}.
   */
  public AlertingRule alert(AlertText text, Severity severity, Map<String, String> extraLabels) {
    Map<String, String> labels = withBaseLabels(extraLabels);
    labels.put(LABEL_SEVERITY, severity.label());

    Map<String, String> annotations = new TreeMap<>();
    annotations.put("summary", text.summary());
    annotations.put("description", text.description());
    if (spec.runbookUrl() != null && !spec.runbookUrl().isBlank()) {
      annotations.put("runbook_url", runbookUrl(text.alert()));
    }
    return AlertingRule.of(text.alert(), text.expr(), text.forDuration(), labels, annotations);
  }

  private Map<String, String> withBaseLabels(Map<String, String> extraLabels) {
    Map<String, String> labels = new TreeMap<>(baseLabels());
    labels.putAll(extraLabels);
    labels.put(LABEL_SERVICE, spec.service());
    return labels;
  }

  /**
   * Returns the runbook link of an alert. The anchor is the alert name in lower case, which is the
   * anchor GitHub, GitLab and most Markdown renderers give a heading that is the alert name.
   */
  public String runbookUrl(String alertName) {
    String base = spec.runbookUrl();
    int fragment = base.indexOf('#');
    if (fragment >= 0) {
      base = base.substring(0, fragment);
    }
    return base + "#" + alertName.toLowerCase(Locale.ROOT);
  }

  /**
   * The parts of an alert that differ from alert to alert.
   *
   * @param alert alert name
   * @param expr PromQL expression
   * @param forDuration pending duration, or {@code null}
   * @param summary one plain sentence
   * @param description what was measured, with the value as a template such as {@code {{ $value
   *     }}}, and the threshold
   */
  public record AlertText(
      String alert, String expr, PromDuration forDuration, String summary, String description) {}
}
