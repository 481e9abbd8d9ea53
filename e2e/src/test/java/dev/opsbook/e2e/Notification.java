package dev.opsbook.e2e;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One webhook notification from Alertmanager, as its webhook payload version 4 carries it.
 *
 * @param receivedAt when the test's webhook received it
 * @param receiver the Alertmanager receiver that sent it, such as {@code pagerduty-oncall}
 * @param status {@code firing} while any alert of the group fires, else {@code resolved}
 * @param groupLabels the labels the group is keyed by
 * @param alerts the alerts of the group
 */
record Notification(
    Instant receivedAt,
    String receiver,
    String status,
    Map<String, String> groupLabels,
    List<Alert> alerts) {

  /**
   * One alert of a notification.
   *
   * @param status {@code firing} or {@code resolved}
   * @param labels the alert's labels, with {@code alertname}
   * @param annotations the alert's annotations
   * @param startsAt when Prometheus saw the alert fire, as Alertmanager sends it
   */
  record Alert(
      String status, Map<String, String> labels, Map<String, String> annotations, String startsAt) {

    String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }
}
