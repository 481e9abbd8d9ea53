package dev.opsbook.rulegen.alertmanager;

import dev.opsbook.spec.Problem;
import dev.opsbook.spec.model.Alerting;
import dev.opsbook.spec.model.Alerting.Receiver;
import dev.opsbook.spec.model.Alerting.ReceiverType;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.SourceMap;
import dev.opsbook.spec.model.Spec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the parts of the alerting section that Alertmanager 0.25 would reject or that would
 * lose alerts, so rulegen reports them against the spec instead of writing a broken file.
 */
final class AlertingValidator {

  /** Name of the receiver without integrations, which drops what is routed to it. */
  static final String BLACKHOLE = "blackhole";

  /** Alertmanager's wildcard that groups by all labels. */
  static final String GROUP_BY_ALL = "...";

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final Spec spec;
  private final List<Problem> problems = new ArrayList<>();

  private AlertingValidator(Spec spec) {
    this.spec = spec;
  }

  /** Returns every problem found in spec order, or an empty list when rendering can go ahead. */
  static List<Problem> validate(Spec spec) {
    AlertingValidator validator = new AlertingValidator(spec);
    validator.checkAll();
    return List.copyOf(validator.problems);
  }

  private void checkAll() {
    checkText("service", spec.service());
    Alerting alerting = spec.alerting();
    if (alerting == null) {
      add("alerting", "missing: add an alerting section with routes and receivers,"
          + " because alertmanager.yml is generated from it");
      return;
    }
    Set<String> names = checkReceivers(alerting.receivers()).keySet();
    checkRoutes(alerting, names);
    checkGroupBy(alerting.groupBy());
  }

  /** Returns the index of each receiver by name. */
  private Map<String, Integer> checkReceivers(List<Receiver> receivers) {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < receivers.size(); i++) {
      Receiver receiver = receivers.get(i);
      String path = "alerting.receivers[" + i + "]";
      checkReceiverName(path + ".name", receiver.name(), i, names);
      checkReceiverType(path, receiver);
      checkText(path + ".channel", receiver.channel());
    }
    return names;
  }

  private void checkReceiverName(String path, String name, int index, Map<String, Integer> names) {
    if (name == null || name.isBlank()) {
      add(path, "missing: give the receiver a name that alerting.routes can refer to");
    } else if (BLACKHOLE.equals(name)) {
      add(path, "'" + BLACKHOLE + "' is reserved for the receiver that drops info alerts"
          + " routed nowhere. Rename the receiver");
    } else if (names.containsKey(name)) {
      add(path, "receiver name '" + name + "' is already used by alerting.receivers["
          + names.get(name) + "]. Give each receiver a unique name");
    } else {
      names.put(name, index);
      checkText(path, name);
    }
  }

  private void checkReceiverType(String path, Receiver receiver) {
    if (receiver.type() == null) {
      add(path + ".type", "missing: use pagerduty or slack");
      return;
    }
    String filePath = path + "." + ReceiverRenderer.secretFileKey(receiver.type());
    if (receiver.type() == ReceiverType.WEBHOOK) {
      // TODO: render webhook_configs url_file once the target is Alertmanager 0.26 or later.
      add(path + ".type", "webhook receivers are not supported, because Alertmanager 0.25"
          + " cannot read a webhook URL from a file (webhook_configs url_file was added in 0.26)"
          + " and rulegen never writes the URL into alertmanager.yml. Use a pagerduty or slack"
          + " receiver");
    } else if (receiver.secretFile() == null || receiver.secretFile().isBlank()) {
      add(filePath, "missing: give the path of the file that contains the secret,"
          + " which Alertmanager reads itself");
    } else {
      checkText(filePath, receiver.secretFile());
    }
  }

  private void checkRoutes(Alerting alerting, Set<String> names) {
    for (Severity severity : Severity.values()) {
      String path = "alerting.routes." + severity.routeKey();
      String target = alerting.routes().get(severity);
      if (target == null) {
        if (severity != Severity.INFO) {
          add(path, "missing: " + severity.label() + " alerts need a receiver, because only"
              + " info may be routed nowhere (info: null)");
        }
      } else if (!names.contains(target)) {
        add(path, "receiver '" + target + "' not found in alerting.receivers. Define it there"
            + " or use one of " + names.stream().sorted().toList());
      }
    }
  }

  private void checkGroupBy(List<String> groupBy) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < groupBy.size(); i++) {
      String label = groupBy.get(i);
      String path = "alerting.group_by[" + i + "]";
      if (label == null || !(LABEL_NAME.matcher(label).matches() || GROUP_BY_ALL.equals(label))) {
        add(path, "invalid label name '" + label + "'. Use letters, digits and underscores,"
            + " not starting with a digit, or '...' for all labels");
      } else if (!seen.add(label)) {
        add(path, "duplicate label '" + label + "'. List each label once");
      }
    }
    if (seen.contains(GROUP_BY_ALL) && groupBy.size() > 1) {
      add("alerting.group_by", "'...' groups by all labels, so it must be the only entry");
    }
  }

  /** Rejects control characters, which cannot appear in a single-quoted YAML scalar. */
  private void checkText(String path, String value) {
    if (value != null && value.chars().anyMatch(Character::isISOControl)) {
      add(path, "contains a control character such as a newline or tab. Remove it");
    }
  }

  private void add(String path, String message) {
    SourceMap source = spec.source();
    SourceMap.Position position =
        source.positionOf(path).orElse(new SourceMap.Position(0, 0));
    problems.add(new Problem(source.file(), position.line(), position.column(), path, message));
  }
}
