package dev.opsbook.rulegen.alertmanager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receiver and alert label sets of an Alertmanager webhook notification. It reads only the
 * fields these tests use and assumes label values without quotes, braces or escapes.
 *
 * @param receiver name of the receiver that sent the notification
 * @param alerts labels of each alert in the notification
 */
record WebhookNotification(String receiver, List<Map<String, String>> alerts) {

  private static final Pattern RECEIVER = Pattern.compile("\"receiver\":\"([^\"]*)\"");
  private static final Pattern ALERT_LABELS = Pattern.compile("\"labels\":\\{([^}]*)}");
  private static final Pattern PAIR = Pattern.compile("\"([^\"]*)\":\"([^\"]*)\"");

  /** Parses the JSON body that Alertmanager 0.25 posts to a webhook. */
  static WebhookNotification parse(String json) {
    Matcher receiver = RECEIVER.matcher(json);
    if (!receiver.find()) {
      throw new IllegalArgumentException("no receiver field in webhook body: " + json);
    }
    List<Map<String, String>> alerts = new ArrayList<>();
    Matcher labels = ALERT_LABELS.matcher(json);
    while (labels.find()) {
      Map<String, String> pairs = new LinkedHashMap<>();
      Matcher pair = PAIR.matcher(labels.group(1));
      while (pair.find()) {
        pairs.put(pair.group(1), pair.group(2));
      }
      alerts.add(pairs);
    }
    return new WebhookNotification(receiver.group(1), alerts);
  }

  /** Returns whether the notification carries alerts named {@code alertname}. */
  boolean isAbout(String alertname) {
    return alerts.stream().anyMatch(labels -> alertname.equals(labels.get("alertname")));
  }

  /** Returns the host label of each alert, in notification order. */
  List<String> hosts() {
    return alerts.stream().map(labels -> labels.get("host")).toList();
  }

  /** Returns the value of label {@code name} of each alert, in notification order. */
  List<String> labelValues(String name) {
    return alerts.stream().map(labels -> labels.get(name)).toList();
  }
}
