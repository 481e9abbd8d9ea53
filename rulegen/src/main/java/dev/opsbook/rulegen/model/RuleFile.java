package dev.opsbook.rulegen.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One Prometheus rule file.
 *
 * @param path path relative to the output directory, such as {@code rules/operations.yml}
 * @param groups groups in file order; never empty, names unique
 */
public record RuleFile(String path, List<RuleGroup> groups) {

  public RuleFile {
    RuleNames.requireNonBlank("rule file path", path);
    groups = List.copyOf(groups);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("rule file " + path + " has no groups");
    }
    Set<String> names = new HashSet<>();
    for (RuleGroup group : groups) {
      if (!names.add(group.name())) {
        throw new IllegalArgumentException(
            "rule file " + path + " has two groups named " + group.name());
      }
    }
  }

  /** Returns every alerting rule of the file, in file order. */
  public List<AlertingRule> alertingRules() {
    return groups.stream()
        .flatMap(group -> group.rules().stream())
        .filter(AlertingRule.class::isInstance)
        .map(AlertingRule.class::cast)
        .toList();
  }
}
