package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.RecordingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleFile;
import java.util.List;

/** Finds rules in a rule file by name, for assertions. */
public final class RuleLookup {

  private RuleLookup() {}

  public static List<Rule> all(RuleFile file) {
    return file.groups().stream().flatMap(group -> group.rules().stream()).toList();
  }

  public static RecordingRule recording(RuleFile file, String record) {
    List<RecordingRule> found =
        all(file).stream()
            .filter(RecordingRule.class::isInstance)
            .map(RecordingRule.class::cast)
            .filter(rule -> rule.record().equals(record))
            .toList();
    assertThat(found).as("recording rules named " + record).hasSize(1);
    return found.get(0);
  }

  public static List<AlertingRule> alerts(RuleFile file, String alert) {
    return file.alertingRules().stream().filter(rule -> rule.alert().equals(alert)).toList();
  }

  public static AlertingRule alert(RuleFile file, String alert) {
    List<AlertingRule> found = alerts(file, alert);
    assertThat(found).as("alerting rules named " + alert).hasSize(1);
    return found.get(0);
  }
}
