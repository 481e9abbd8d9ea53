package dev.opsbook.rulegen.model;

import java.util.List;

/**
 * A rule group. Prometheus evaluates the rules of a group in order, so a rule may read the series
 * that an earlier rule of the same group recorded in the same evaluation.
 *
 * @param name group name, unique within its file
 * @param rules rules in evaluation order; never empty
 */
public record RuleGroup(String name, List<Rule> rules) {

  public RuleGroup {
    RuleNames.requireNonBlank("group name", name);
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("rule group " + name + " has no rules");
    }
  }
}
