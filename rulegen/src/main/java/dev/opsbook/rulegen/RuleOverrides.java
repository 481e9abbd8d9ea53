package dev.opsbook.rulegen;

import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.spec.model.PromDuration;
import java.util.List;

/**
 * Changes applied to the generated rules for tests against a live Prometheus, where waiting out
 * production {@code for} durations would take hours. Production output uses {@link #NONE}.
 *
 * @param alertFor replaces the {@code for} of every alert, or {@code null} to keep each one
 * @param criticalLinesLookback replaces the range of {@code JournalCriticalLines}, which is at
 *     least 10m in production, so that the alert also ends soon after the last critical line;
 *     {@code null} keeps the production range
 */
public record RuleOverrides(PromDuration alertFor, PromDuration criticalLinesLookback) {

  public static final RuleOverrides NONE = new RuleOverrides(null, null);

  /** Returns overrides that replace only the {@code for} of every alert. */
  public RuleOverrides(PromDuration alertFor) {
    this(alertFor, null);
  }

  public boolean isNone() {
    return alertFor == null && criticalLinesLookback == null;
  }

  /**
   * Returns the files with the {@code for} override applied; the input is returned as is without
   * it. The lookback override takes effect while the rules are built, through {@link
   * SpecContext#overrides()}.
   */
  public List<RuleFile> apply(List<RuleFile> files) {
    if (alertFor == null) {
      return files;
    }
    return files.stream().map(this::apply).toList();
  }

  private RuleFile apply(RuleFile file) {
    List<RuleGroup> groups =
        file.groups().stream()
            .map(group -> new RuleGroup(group.name(), group.rules().stream().map(this::apply).toList()))
            .toList();
    return new RuleFile(file.path(), groups);
  }

  private Rule apply(Rule rule) {
    if (rule instanceof AlertingRule alert) {
      return new AlertingRule(alert.alert(), alert.expr(), alertFor, alert.labels(), alert.annotations());
    }
    return rule;
  }
}
