package dev.opsbook.spec.model;

import java.util.List;
import java.util.Map;

/**
 * Alertmanager routing.
 *
 * @param routes severity to receiver name; a severity routed nowhere maps to {@code null}
 * @param receivers receivers, each with its secret in a file
 * @param groupBy labels alerts are grouped by
 */
public record Alerting(Map<Severity, String> routes, List<Receiver> receivers, List<String> groupBy) {

  public Alerting {
    routes = OrderedCopies.mapWithNullValues(routes);
    receivers = List.copyOf(receivers);
    groupBy = List.copyOf(groupBy);
  }

  /**
   * One Alertmanager receiver. Secrets stay in files that Alertmanager reads itself.
   *
   * @param name receiver name
   * @param type kind of receiver
   * @param secretFile file holding the PagerDuty routing key, the Slack webhook URL or the webhook
   *     URL
   * @param channel Slack channel, or {@code null}
   */
  public record Receiver(String name, ReceiverType type, String secretFile, String channel) {}

  /** Receiver kinds that rulegen can render. */
  public enum ReceiverType {
    PAGERDUTY("pagerduty"),
    SLACK("slack"),
    WEBHOOK("webhook");

    private final String key;

    ReceiverType(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
