package dev.opsbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One failure to cause for real: what breaks it, what repairs it, and the alert it must raise.
 *
 * @param name short name for the timeline
 * @param alertname the expected alert name
 * @param labels labels the alert must carry besides {@code alertname}, {@code service} and the
 *     spec's labels
 * @param receiver the Alertmanager receiver the alert must reach
 * @param descriptionPart text the rendered description must contain, showing the measured value
 * @param breakText what {@code breakAction} does, for the timeline
 * @param breakAction causes the failure
 * @param repairText what {@code repairAction} does, for the timeline
 * @param repairAction removes the cause
 * @param fireDeadline how long to wait for the alert after the break
 * @param resolveDeadline how long to wait for the resolve after the repair
 */
record Scenario(
    String name,
    String alertname,
    Map<String, String> labels,
    String receiver,
    String descriptionPart,
    String breakText,
    Action breakAction,
    String repairText,
    Action repairAction,
    Duration fireDeadline,
    Duration resolveDeadline) {

  /** A change to the host or the service. */
  interface Action {
    void run() throws Exception;
  }

  /**
   * What a scenario observed.
   *
   * @param fired the firing alert and its notification
   * @param resolved the resolved alert and its notification
   * @param fireSeconds seconds from the break to the firing notification
   * @param resolveSeconds seconds from the repair to the resolved notification
   */
  record Result(
      Scenario scenario,
      WebhookReceiver.Match fired,
      WebhookReceiver.Match resolved,
      double fireSeconds,
      double resolveSeconds) {

    String summary() {
      return String.format(Locale.ROOT, "%-13s %-30s fired %5.1f s after the break, resolved"
          + " %5.1f s after the repair", scenario.name(), scenario.alertname(), fireSeconds,
          resolveSeconds);
    }
  }

  /** Breaks, waits for the alert, repairs and waits for the resolve. */
  Result run(Stack stack, Timeline timeline) throws Exception {
    Instant broken = Instant.now();
    breakAction.run();
    timeline.log(name, "break: " + breakText);
    WebhookReceiver.Match fired =
        await(stack, broken, "firing", fireDeadline, "after the break: " + breakText);
    double fireSeconds = Timeline.seconds(broken, fired.notification().receivedAt());
    timeline.log(name, String.format(Locale.ROOT, "fire: %s%s to %s, %.1f s after the break",
        alertname, labels(fired.alert()), fired.notification().receiver(), fireSeconds));
    timeline.note("                        description: "
        + fired.alert().annotations().get("description"));

    Instant repaired = Instant.now();
    repairAction.run();
    timeline.log(name, "repair: " + repairText);
    WebhookReceiver.Match resolved =
        await(stack, repaired, "resolved", resolveDeadline, "after the repair: " + repairText);
    double resolveSeconds = Timeline.seconds(repaired, resolved.notification().receivedAt());
    timeline.log(name, String.format(Locale.ROOT, "resolve: %s to %s, %.1f s after the repair",
        alertname, resolved.notification().receiver(), resolveSeconds));
    return new Result(this, fired, resolved, fireSeconds, resolveSeconds);
  }

  private WebhookReceiver.Match await(
      Stack stack, Instant since, String status, Duration deadline, String context)
      throws InterruptedException {
    Optional<WebhookReceiver.Match> match =
        stack.webhook.await(
            since,
            m -> m.notification().status().equals(status)
                && m.alert().status().equals(status)
                && matches(m.alert(), status.equals("resolved")),
            deadline);
    if (match.isEmpty()) {
      throw new AssertionError("no " + status + " " + alertname + " " + labels
          + " at the webhook within " + deadline.toSeconds() + " s " + context + "\n"
          + stack.diagnostics());
    }
    return match.get();
  }

  /** Returns the alert's values of the scenario's expected labels, as {@code {name=value,...}}. */
  private String labels(Notification.Alert alert) {
    StringBuilder text = new StringBuilder("{");
    for (String label : new java.util.TreeSet<>(labels.keySet())) {
      if (text.length() > 1) {
        text.append(',');
      }
      text.append(label).append('=').append(alert.label(label));
    }
    return text.append('}').toString();
  }

  /**
   * Returns true when the alert has the scenario's name and labels. A resolve must end the whole
   * group, so it ignores {@code window}: an SLO's page windows share one group, and the resolved
   * notification of the group carries only the window that resolved last.
   */
  private boolean matches(Notification.Alert alert, boolean groupResolved) {
    if (!alert.label("alertname").equals(alertname)) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (groupResolved && label.getKey().equals("window")) {
        continue;
      }
      if (!alert.label(label.getKey()).equals(label.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Checks the receiver of the resolve. */
  void assertResolved(WebhookReceiver.Match resolved) {
    assertThat(resolved.notification().receiver())
        .as(name + ": " + alertname + " resolve receiver")
        .isEqualTo(receiver);
  }

  /** Checks the receiver, the labels and the rendered annotations of the firing alert. */
  void assertFired(WebhookReceiver.Match fired) {
    Notification.Alert alert = fired.alert();
    String prefix = name + ": " + alertname + " ";
    assertThat(fired.notification().receiver()).as(prefix + "receiver").isEqualTo(receiver);
    assertThat(alert.labels()).as(prefix + "labels").containsAllEntriesOf(labels);
    assertThat(alert.labels())
        .as(prefix + "labels from the spec")
        .containsEntry("service", TestSpec.SERVICE)
        .containsEntry("team", "e2e");
    assertThat(alert.annotations().get("summary")).as(prefix + "summary").isNotBlank()
        .doesNotContain("{{");
    assertThat(alert.annotations().get("description"))
        .as(prefix + "description")
        .contains(descriptionPart)
        .doesNotContain("{{");
    assertThat(alert.annotations().get("runbook_url"))
        .as(prefix + "runbook_url")
        .isEqualTo(TestSpec.RUNBOOK + "#" + alertname.toLowerCase(Locale.ROOT));
  }
}
