package dev.opsbook.rulegen.model;

import java.util.SortedMap;

/** A Prometheus rule: a recording rule or an alerting rule. */
public sealed interface Rule permits RecordingRule, AlertingRule {

  /** Returns the recorded series name or the alert name. */
  String name();

  /** Returns the PromQL expression; it may span several lines. */
  String expr();

  /** Returns the labels the rule adds to its output, sorted by name. */
  SortedMap<String, String> labels();
}
