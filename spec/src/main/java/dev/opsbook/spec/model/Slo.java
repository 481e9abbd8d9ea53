package dev.opsbook.spec.model;

import java.util.Map;

/**
 * One service level objective.
 *
 * @param name lower-case name such as {@code availability}; unique within the spec
 * @param description one sentence shown in alert summaries and reports
 * @param objectivePercent target in percent, strictly between 0 and 100
 * @param window compliance period, 30 days by default
 * @param minEvents low-traffic guard: the burn-rate alerts stay silent unless the long window of a
 *     window pair holds at least this many events; 0 disables the guard
 * @param sli how good and bad events are measured
 * @param labels extra labels for this SLO's rules, on top of the spec's labels
 */
public record Slo(
    String name,
    String description,
    double objectivePercent,
    PromDuration window,
    long minEvents,
    Sli sli,
    Map<String, String> labels) {

  public Slo {
    labels = OrderedCopies.map(labels);
  }

  /** Returns the error budget as a ratio: 0.001 for a 99.9 % objective. */
  public double errorBudget() {
    return (100.0 - objectivePercent) / 100.0;
  }
}
