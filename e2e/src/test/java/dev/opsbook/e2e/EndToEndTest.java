package dev.opsbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.spec.MetricNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breaks a host and a service for real and checks that the generated rules page the right
 * receiver with the right labels and annotations, then that the repair resolves the alert.
 *
 * <p>Everything is real: OpenSSH's sshd serves the host's files, the exporter's jar reads them
 * over SSH, Prometheus scrapes the exporter and an HTTP service and evaluates the rules that
 * rulegen generated from the test spec, and Alertmanager routes with the configuration that
 * rulegen rendered. Only the receivers' integrations are replaced, by a webhook inside the test.
 * The rules differ from production output only in the test overrides of {@link Stack}.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EndToEndTest {

  private static final Duration FIRE_DEADLINE = Duration.ofSeconds(90);
  private static final Duration RESOLVE_DEADLINE = Duration.ofSeconds(90);

  /**
   * Resolve deadline of the availability SLO's page. After the repair the 30m window still
   * contains the errors of the break, and its error ratio must fall below 6 times the error
   * budget. At 5 % errors that takes roughly 8 times as long as the break lasted, an estimate
   * from the ratio alone.
   */
  private static final Duration SLO_RESOLVE_DEADLINE = Duration.ofSeconds(180);

  private static final String PAGE_RECEIVER = "pagerduty-oncall";
  private static final String TICKET_RECEIVER = "slack-operations";
  private static final String SLO_ALERT = "E2eApiAvailabilityBudgetBurn";

  @TempDir static Path dir;
  private static Stack stack;
  private static Timeline timeline;
  private static Instant ready;

  @BeforeAll
  static void startStack() throws Exception {
    Instant begin = Instant.now();
    stack = Stack.start(dir);
    ready = Instant.now();
    timeline = new Timeline(ready);
    timeline.note(String.format(Locale.ROOT,
        "stack ready in %.1f s: sshd, exporter, Prometheus (%d rules), Alertmanager, webhook",
        Timeline.seconds(begin, ready), stack.ruleCount));
  }

  @AfterAll
  static void stopStack() throws Exception {
    try {
      if (timeline != null) {
        timeline.write(Path.of(System.getProperty("opsbook.e2e.timeline", "e2e-timeline.txt")));
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }

  @Test
  void brokenHostAndServicePageAndResolve() throws Exception {
    List<Scenario> scenarios = scenarios();
    ExecutorService pool = Executors.newFixedThreadPool(scenarios.size());
    List<Scenario.Result> results = new ArrayList<>();
    try {
      List<Future<Scenario.Result>> futures = new ArrayList<>();
      for (Scenario scenario : scenarios) {
        futures.add(pool.submit(() -> scenario.run(stack, timeline)));
      }
      for (Future<Scenario.Result> future : futures) {
        results.add(future.get(6, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    Instant end = Instant.now();
    timeline.note(String.format(Locale.ROOT, "all scenarios done %.1f s after the stack was ready",
        Timeline.seconds(ready, end)));
    for (Scenario.Result result : results) {
      timeline.note(result.summary());
    }
    timeline.note("notifications at the webhook, in seconds since the stack was ready:");
    for (Notification notification : stack.webhook.received()) {
      timeline.note(String.format(Locale.ROOT, "  %+7.1fs %s",
          Timeline.seconds(ready, notification.receivedAt()), Stack.describe(notification)));
    }

    for (Scenario.Result result : results) {
      result.scenario().assertFired(result.fired());
      result.scenario().assertResolved(result.resolved());
    }
    assertThat(stack.webhook.rejected()).as("webhook payloads that did not parse").isEmpty();
    assertThat(stack.prometheus.ruleErrors()).as("rules that failed to evaluate").isEmpty();
    Set<String> unexpected = unexpectedAlerts(scenarios);
    assertThat(unexpected)
        .as(() -> "alerts that no scenario caused, which started after the stack was ready\n"
            + stack.checkHistory() + stack.diagnostics())
        .isEmpty();
  }

  private static List<Scenario> scenarios() {
    HostFixtures host = stack.fixtures;
    return List.of(
        new Scenario(
            "certificate",
            "CertificateFileExpiringSoon",
            Map.of("severity", "warning", "host", TestSpec.HOST,
                "path", host.certificate().toString()),
            TICKET_RECEIVER,
            "has expired",
            "wrote a certificate that expired yesterday",
            host::writeExpiredCertificate,
            "wrote a certificate valid for a year",
            host::writeValidCertificate,
            FIRE_DEADLINE,
            RESOLVE_DEADLINE),
        new Scenario(
            "backups",
            "BackupCountLow",
            Map.of("severity", "warning", "host", TestSpec.HOST, "tier", "daily"),
            TICKET_RECEIVER,
            "has 1 daily backups",
            "deleted all daily archives but the newest, 1 of min_count " + HostFixtures.DAILY_MIN,
            host::deleteOldDailyBackups,
            "restored " + (HostFixtures.DAILY_MIN + 1) + " daily archives",
            host::restoreDailyBackups,
            FIRE_DEADLINE,
            RESOLVE_DEADLINE),
        new Scenario(
            "journal",
            "JournalCriticalLines",
            Map.of("severity", "critical", "host", TestSpec.HOST),
            PAGE_RECEIVER,
            "matching FATAL, segfault",
            "appended 2 journal entries at priority crit matching FATAL and segfault",
            () -> host.appendJournal(
                2, HostFixtures.CRITICAL_MESSAGE, 2, "worker 3: segfault at 0 ip 00007f3a"),
            "no further FATAL lines; the alert ends when they leave the "
                + Stack.TEST_CRITICAL_LINES_LOOKBACK + " lookback",
            () -> host.appendJournal(6, "e2e-api restarted"),
            FIRE_DEADLINE,
            RESOLVE_DEADLINE),
        new Scenario(
            "availability",
            SLO_ALERT,
            Map.of("severity", "critical", "slo", "availability", "window", "1h/5m"),
            PAGE_RECEIVER,
            "burn rate of 14.4",
            "the API fails every 20th request (5 % errors, a 50x burn of the 0.1 % budget)",
            () -> stack.api.failEvery(20),
            "the API answers every request",
            () -> stack.api.failEvery(0),
            FIRE_DEADLINE,
            SLO_RESOLVE_DEADLINE));
  }

  /**
   * Returns alerts at the webhook that started after the stack was ready and no scenario
   * explains. {@code OpsbookCheckFailing} for a check whose every failure was a command timeout
   * is logged instead: the exporter gives each command the check's interval, 2 s here, which a
   * heavily loaded machine can exceed, and such an alert has a real cause.
   */
  private static Set<String> unexpectedAlerts(List<Scenario> scenarios) throws Exception {
    Set<String> expected = new TreeSet<>();
    for (Scenario scenario : scenarios) {
      expected.add(scenario.alertname());
    }
    Set<String> unexpected = new TreeSet<>();
    Set<String> timedOut = new TreeSet<>();
    for (Notification notification : stack.webhook.received()) {
      for (Notification.Alert alert : notification.alerts()) {
        String name = alert.label("alertname");
        boolean afterReady = Instant.parse(alert.startsAt()).isAfter(ready);
        if (!afterReady || expected.contains(name)) {
          continue;
        }
        if (name.equals("OpsbookCheckFailing") && onlyTimeouts(alert.label("check"))) {
          timedOut.add(alert.label("check"));
        } else {
          unexpected.add(name + alert.labels());
        }
      }
    }
    for (String check : timedOut) {
      timeline.note("note: OpsbookCheckFailing fired for check " + check
          + " because its commands timed out on a loaded machine, which no scenario caused");
    }
    return unexpected;
  }

  /** Returns true when every failure of the check in the last 10 minutes was a timeout. */
  private static boolean onlyTimeouts(String check) throws Exception {
    String selector = "{check=\"" + check + "\",reason!=\"timeout\"}";
    String query = "max_over_time(" + MetricNames.CHECK_FAILURE_INFO + selector + "[10m])";
    return stack.prometheus.query(query).isEmpty();
  }
}
