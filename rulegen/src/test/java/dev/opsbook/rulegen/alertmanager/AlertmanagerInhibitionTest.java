package dev.opsbook.rulegen.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends alerts to a real prometheus-alertmanager that runs the webhook-override configuration,
 * and checks which of them reach the webhook. Every muted alert shares its notification group
 * with an alert that must arrive, so the arrival of that notification shows the muted alert was
 * held back and not merely late.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerInhibitionTest {

  /** One second of grouping, so notifications arrive within the test's deadlines. */
  private static final RouteTiming FAST = new RouteTiming("1s", "1s", "1h");

  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

  /** Several group intervals, after which no muted alert may have been sent. */
  private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);

  private static final String SERVICE = "spacetime-api";

  private NotificationRecorder webhook;
  private AlertmanagerServer alertmanager;

  @BeforeAll
  void startAlertmanager(@TempDir Path directory) throws Exception {
    webhook = new NotificationRecorder();
    String config =
        new AlertmanagerConfigRenderer()
            .render(
                TestSpecs.repositorySpec(),
                TestOverrides.webhook(webhook.url("/hook")).withTiming(FAST));
    alertmanager = AlertmanagerServer.start(config, directory);
  }

  @AfterAll
  void stopAlertmanager() throws Exception {
    try {
      if (alertmanager != null) {
        alertmanager.close();
      }
    } finally {
      if (webhook != null) {
        webhook.close();
      }
    }
  }

  @Test
  void criticalMutesWarningOfSameHost() throws Exception {
    // The rule matches any alert name. This one is made up, because the tests share one
    // Alertmanager and the disk test below uses DiskUsageHigh.
    String alertname = "SameHostCheckFailing";
    alertmanager.postAlerts(
        alerts(
            alert(alertname, "critical", "h1"),
            alert(alertname, "warning", "h1"),
            alert(alertname, "warning", "h3"),
            alert("HostCpuLowSustained", "info", "h1")));

    WebhookNotification page = awaitNotification(TestSpecs.PAGE_RECEIVER, alertname);
    WebhookNotification ticket = awaitNotification(TestSpecs.TICKET_RECEIVER, alertname);
    Thread.sleep(QUIET_PERIOD.toMillis());

    assertThat(page.hosts()).containsExactly("h1");
    assertThat(ticket.hosts()).containsExactly("h3");
    assertThat(hostsNotified(TestSpecs.TICKET_RECEIVER, alertname)).containsExactly("h3");
    assertThat(notifications("HostCpuLowSustained")).isEmpty();
  }

  @Test
  void criticalDiskKeepsWarningOfOtherMountpoint() throws Exception {
    String alertname = "DiskUsageHigh";
    alertmanager.postAlerts(
        alerts(
            diskAlert(alertname, "critical", "/opt"),
            diskAlert(alertname, "warning", "/opt"),
            diskAlert(alertname, "warning", "/var")));

    WebhookNotification page = awaitNotification(TestSpecs.PAGE_RECEIVER, alertname);
    WebhookNotification ticket = awaitNotification(TestSpecs.TICKET_RECEIVER, alertname);
    Thread.sleep(QUIET_PERIOD.toMillis());

    assertThat(page.labelValues("mountpoint")).containsExactly("/opt");
    assertThat(ticket.labelValues("mountpoint")).containsExactly("/var");
    assertThat(mountpointsNotified(TestSpecs.TICKET_RECEIVER, alertname)).containsExactly("/var");
  }

  @Test
  void unreachableHostMutesItsOtherAlerts() throws Exception {
    String unitAlert = "SystemdUnitNotActive";
    String backupAlert = "BackupTooOld";
    alertmanager.postAlerts(
        alerts(
            alert(AlertNames.HOST_UNREACHABLE, "warning", "h1"),
            alert(unitAlert, "critical", "h1"),
            alert(unitAlert, "critical", "h2"),
            alert(backupAlert, "warning", "h1"),
            alert(backupAlert, "warning", "h2")));

    WebhookNotification unreachable =
        awaitNotification(TestSpecs.TICKET_RECEIVER, AlertNames.HOST_UNREACHABLE);
    WebhookNotification unit = awaitNotification(TestSpecs.PAGE_RECEIVER, unitAlert);
    WebhookNotification backup = awaitNotification(TestSpecs.TICKET_RECEIVER, backupAlert);
    Thread.sleep(QUIET_PERIOD.toMillis());

    assertThat(unreachable.hosts()).containsExactly("h1");
    assertThat(unit.hosts()).containsExactly("h2");
    assertThat(backup.hosts()).containsExactly("h2");
    assertThat(hostsNotified(TestSpecs.PAGE_RECEIVER, unitAlert)).containsExactly("h2");
    assertThat(hostsNotified(TestSpecs.TICKET_RECEIVER, backupAlert)).containsExactly("h2");
  }

  private WebhookNotification awaitNotification(String receiver, String alertname)
      throws Exception {
    Optional<NotificationRecorder.Request> request =
        webhook.await(
            r -> {
              WebhookNotification notification = WebhookNotification.parse(r.body());
              return notification.receiver().equals(receiver) && notification.isAbout(alertname);
            },
            DELIVERY_TIMEOUT);
    assertThat(request)
        .as("notification of %s to %s within %s; Alertmanager log:%n%s",
            alertname, receiver, DELIVERY_TIMEOUT, alertmanager.log())
        .isPresent();
    return WebhookNotification.parse(request.get().body());
  }

  private List<WebhookNotification> notifications(String alertname) {
    return webhook.requests().stream()
        .map(request -> WebhookNotification.parse(request.body()))
        .filter(notification -> notification.isAbout(alertname))
        .toList();
  }

  private List<String> hostsNotified(String receiver, String alertname) {
    return notifications(alertname).stream()
        .filter(notification -> notification.receiver().equals(receiver))
        .flatMap(notification -> notification.hosts().stream())
        .distinct()
        .toList();
  }

  private List<String> mountpointsNotified(String receiver, String alertname) {
    return notifications(alertname).stream()
        .filter(notification -> notification.receiver().equals(receiver))
        .flatMap(notification -> notification.labelValues("mountpoint").stream())
        .distinct()
        .toList();
  }

  private static String alerts(String... alerts) {
    return List.of(alerts).stream().collect(Collectors.joining(",", "[", "]"));
  }

  private static String alert(String alertname, String severity, String host) {
    return """
        {"labels": {"alertname": "%s", "service": "%s", "severity": "%s", "host": "%s"},\
         "annotations": {"summary": "%s on %s"}}"""
        .formatted(alertname, SERVICE, severity, host, alertname, host);
  }

  private static String diskAlert(String alertname, String severity, String mountpoint) {
    return """
        {"labels": {"alertname": "%s", "service": "%s", "severity": "%s", "host": "h4",\
         "mountpoint": "%s"}, "annotations": {"summary": "%s on h4:%s"}}"""
        .formatted(alertname, SERVICE, severity, mountpoint, alertname, mountpoint);
  }
}
