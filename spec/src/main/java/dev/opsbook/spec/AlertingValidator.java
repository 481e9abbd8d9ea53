package dev.opsbook.spec;

import dev.opsbook.spec.model.Alerting;
import dev.opsbook.spec.model.Alerting.Receiver;
import dev.opsbook.spec.model.Severity;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates Alertmanager routing: receivers, their secret files and the routes to them. */
final class AlertingValidator {

  /** Alertmanager's group_by value that groups by all labels. */
  private static final String ALL_LABELS = "...";

  private final Problems problems;

  AlertingValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(Alerting alerting) {
    groupBy(alerting.groupBy());
    Set<String> receiverNames = receivers(alerting.receivers());
    routes(alerting.routes(), receiverNames);
  }

  private void groupBy(List<String> groupBy) {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < groupBy.size(); i++) {
      String label = groupBy.get(i);
      String path = FieldPath.index("alerting.group_by", i);
      if (!label.equals(ALL_LABELS)) {
        Rules.labelName(label).ifPresent(message -> problems.add(path, message));
      }
      if (!seen.add(label)) {
        problems.add(path, "duplicate label " + Quoted.of(label) + " in group_by; list it once");
      }
    }
  }

  private Set<String> receivers(List<Receiver> receivers) {
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < receivers.size(); i++) {
      Receiver receiver = receivers.get(i);
      String path = FieldPath.index("alerting.receivers", i);
      if (receiver.name() != null) {
        Integer first = firstIndex.putIfAbsent(receiver.name(), i);
        if (first != null) {
          problems.add(
              FieldPath.child(path, "name"),
              "duplicate receiver name "
                  + Quoted.of(receiver.name())
                  + ", first used by alerting.receivers["
                  + first
                  + "]; give each receiver its own name");
        }
        Rules.receiverName(receiver.name())
            .ifPresent(message -> problems.add(FieldPath.child(path, "name"), message));
      }
      receiver(receiver, path);
    }
    return new LinkedHashSet<>(firstIndex.keySet());
  }

  private void receiver(Receiver receiver, String path) {
    if (receiver.type() != null && receiver.secretFile() != null) {
      String key = SpecBinder.secretFileKey(receiver.type());
      Rules.secretFilePath(receiver.secretFile())
          .ifPresent(message -> problems.add(FieldPath.child(path, key), message));
    }
    if (receiver.channel() != null && receiver.channel().contains("://")) {
      // A webhook URL pasted here would be written into alertmanager.yml, so it is rejected
      // without repeating the value.
      problems.add(FieldPath.child(path, "channel"), "channel contains a URL, which would put a"
          + " secret into alertmanager.yml; write a channel name such as #operations and put the"
          + " webhook URL in the file that api_url_file names");
    } else if (receiver.channel() != null) {
      Rules.safeText("channel", receiver.channel())
          .ifPresent(message -> problems.add(FieldPath.child(path, "channel"), message));
    }
  }

  private void routes(Map<Severity, String> routes, Set<String> receiverNames) {
    for (Severity severity : Severity.values()) {
      String path = FieldPath.child("alerting.routes", severity.routeKey());
      String receiver = routes.get(severity);
      if (receiver == null) {
        if (severity != Severity.INFO) {
          problems.add(path, missingRoute(severity, receiverNames));
        }
      } else if (!receiverNames.contains(receiver)) {
        problems.add(path, unknownReceiver(receiver, receiverNames));
      }
    }
  }

  private static String missingRoute(Severity severity, Set<String> receiverNames) {
    String key = severity.routeKey();
    if (receiverNames.isEmpty()) {
      return key + " alerts must go to a receiver, but receivers defines none; add a receiver"
          + " under receivers and set routes." + key + " to its name";
    }
    return key + " alerts must go to a receiver; set routes." + key + " to one of "
        + String.join(", ", receiverNames);
  }

  private static String unknownReceiver(String receiver, Set<String> receiverNames) {
    if (receiverNames.isEmpty()) {
      return "unknown receiver " + Quoted.of(receiver) + ", because receivers defines none;"
          + " add a receiver named " + Quoted.of(receiver) + " under receivers";
    }
    return "unknown receiver " + Quoted.of(receiver) + "; use one of "
        + String.join(", ", receiverNames) + ", or add it to receivers";
  }
}
