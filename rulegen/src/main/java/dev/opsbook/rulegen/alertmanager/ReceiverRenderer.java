package dev.opsbook.rulegen.alertmanager;

import static dev.opsbook.rulegen.alertmanager.YamlText.quote;

import dev.opsbook.spec.model.Alerting.Receiver;
import dev.opsbook.spec.model.Alerting.ReceiverType;

/** Renders the integrations of one receiver, with its secret referenced by file path only. */
final class ReceiverRenderer {

  /** PagerDuty Events API v2 accepts only these severities, so any other value is sent as error. */
  static final String PAGERDUTY_SEVERITY =
      "{{ if eq .CommonLabels.severity \"critical\" \"warning\" \"info\" }}"
          + "{{ .CommonLabels.severity }}{{ else }}error{{ end }}";

  static final String SLACK_TITLE =
      "[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}{{ end }}]"
          + " {{ .CommonLabels.alertname }} ({{ .CommonLabels.service }})";

  static final String SLACK_TEXT =
      """
      {{ range .Alerts }}*{{ .Labels.severity }}*{{ if .Labels.host }} on {{ .Labels.host }}\
      {{ end }}: {{ .Annotations.summary }}
      {{ .Annotations.description }}{{ if .Annotations.runbook_url }}
      Runbook: {{ .Annotations.runbook_url }}{{ end }}
      {{ end }}""";

  private ReceiverRenderer() {}

  /** Returns the spec and Alertmanager key of the file that contains the receiver's secret. */
  static String secretFileKey(ReceiverType type) {
    return switch (type) {
      case PAGERDUTY -> "routing_key_file";
      case SLACK -> "api_url_file";
      case WEBHOOK -> "url_file";
    };
  }

  /** Appends the receiver's integration list, indented below its {@code - name:} line. */
  static void render(YamlText yaml, int level, Receiver receiver) {
    switch (receiver.type()) {
      case PAGERDUTY -> renderPagerDuty(yaml, level, receiver);
      case SLACK -> renderSlack(yaml, level, receiver);
      case WEBHOOK -> throw new IllegalStateException(
          "webhook receiver '" + receiver.name() + "' passed validation");
    }
  }

  /** Appends a webhook integration that replaces the receiver's own, for tests only. */
  static void renderWebhook(YamlText yaml, int level, String url) {
    yaml.line(level, "webhook_configs:")
        .line(level + 1, "- url: " + quote(url))
        .line(level + 2, "send_resolved: true");
  }

  private static void renderPagerDuty(YamlText yaml, int level, Receiver receiver) {
    yaml.line(level, "pagerduty_configs:")
        .line(level + 1, "- routing_key_file: " + quote(receiver.secretFile()))
        .line(level + 2, "send_resolved: true")
        .line(level + 2, "severity: " + quote(PAGERDUTY_SEVERITY));
  }

  private static void renderSlack(YamlText yaml, int level, Receiver receiver) {
    yaml.line(level, "slack_configs:")
        .line(level + 1, "- api_url_file: " + quote(receiver.secretFile()));
    if (receiver.channel() != null) {
      yaml.line(level + 2, "channel: " + quote(receiver.channel()));
    }
    yaml.line(level + 2, "send_resolved: true")
        .line(level + 2, "title: " + quote(SLACK_TITLE))
        .block(level + 2, "text", SLACK_TEXT);
  }
}
