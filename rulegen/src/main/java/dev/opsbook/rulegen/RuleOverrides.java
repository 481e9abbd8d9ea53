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
 */
public record RuleOverrides(PromDuration alertFor) {

  public static final RuleOverrides NONE = new RuleOverrides(null);

  public boolean isNone() {
    return alertFor == null;
  }

  /** Returns the files with the overrides applied; the input is returned as is for {@link #NONE}. */
  public List<RuleFile> apply(List<RuleFile> files) {
    if (isNone()) {
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
