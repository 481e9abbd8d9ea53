package dev.opsbook.exporter.schedule;

import static dev.opsbook.exporter.StubChecks.blockingUntil;
import static dev.opsbook.exporter.StubChecks.failing;
import static dev.opsbook.exporter.StubChecks.returning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.Await;
import dev.opsbook.exporter.MutableClock;
import dev.opsbook.exporter.StubChecks.ScriptedHostCheck;
import dev.opsbook.exporter.StubRunner;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.runner.CommandException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final SampleStore store = new SampleStore();
  private final CountDownLatch release = new CountDownLatch(1);
  private Scheduler scheduler;

  @AfterEach
  void tearDown() {
    release.countDown();
    if (scheduler != null) {
      scheduler.close();
    }
  }

  /** Returns a scheduler whose runs time out after the check's interval, at most the timeout. */
  private Scheduler scheduler(Duration timeout, ScheduledCheck... checks) {
    return scheduler(timeout, Duration.ZERO, checks);
  }

  private Scheduler scheduler(Duration timeout, Duration grace, ScheduledCheck... checks) {
    scheduler =
        new Scheduler(
            List.of(checks),
            store,
            new Scheduler.Settings(4, timeout, grace, Duration.ZERO, Duration.ofSeconds(2)),
            new FailureLog(clock, Duration.ofMinutes(10)),
            clock,
            new SplittableRandom(1));
    return scheduler;
  }

  private static ScheduledCheck on(String host, ScriptedHostCheck check) {
    return ScheduledCheck.ofHost(check, new StubRunner(host));
  }

  private static Sample gauge(double value) {
    return Sample.gauge("opsbook_test_value", Map.of(), value);
  }

  @Test
  void slowHostDoesNotDelayOtherHost() throws Exception {
    ScriptedHostCheck slow =
        new ScriptedHostCheck("slow", Duration.ofMillis(50), blockingUntil(release));
    ScriptedHostCheck fast = new ScriptedHostCheck("fast", Duration.ofMillis(50), returning());
    scheduler(Duration.ofSeconds(30), Duration.ofSeconds(30), on("dead-host", slow), on("good-host", fast)).start();

    assertThat(Await.until(() -> fast.runs() >= 5, DEADLINE)).isTrue();
    assertThat(slow.runs()).isEqualTo(1);
    assertThat(store.result(CheckKey.ofHost("good-host", "fast")).success()).isTrue();
    assertThat(store.result(CheckKey.ofHost("dead-host", "slow"))).isNull();
  }

  @Test
  void runningCheckIsSkippedNotQueued() throws Exception {
    ScriptedHostCheck slow =
        new ScriptedHostCheck("slow", Duration.ofMillis(20), blockingUntil(release));
    scheduler(Duration.ofSeconds(30), Duration.ofSeconds(30), on("host-a", slow)).start();
    CheckKey key = CheckKey.ofHost("host-a", "slow");

    assertThat(Await.until(() -> skips(key) >= 3, DEADLINE)).isTrue();
    release.countDown();
    assertThat(Await.until(() -> slow.runs() >= 2, DEADLINE)).isTrue();

    assertThat(slow.maxConcurrent()).isEqualTo(1);
  }

  @Test
  void storeServesLatestValuesDuringSlowRun() throws Exception {
    CountDownLatch secondRunStarted = new CountDownLatch(1);
    ScriptedHostCheck check =
        new ScriptedHostCheck(
            "flaky",
            Duration.ofMillis(50),
            returning(gauge(42)),
            () -> {
              secondRunStarted.countDown();
              return blockingUntil(release, gauge(7)).collect();
            });
    scheduler(Duration.ofSeconds(30), Duration.ofSeconds(30), on("host-a", check)).start();

    assertThat(Await.until(() -> secondRunStarted.getCount() == 0, DEADLINE)).isTrue();
    CheckResult result = store.result(CheckKey.ofHost("host-a", "flaky"));

    assertThat(result.success()).isTrue();
    assertThat(result.samples()).containsExactly(gauge(42));
  }

  @Test
  void failureRecordsReasonAndKeepsLastSuccess() throws Exception {
    Sample counter = Sample.counter("opsbook_test_events_total", Map.of(), 5);
    ScriptedHostCheck check =
        new ScriptedHostCheck(
            "disk",
            Duration.ofMinutes(1),
            returning(gauge(1), counter),
            failing("parse_error", "unexpected df output", null));
    Scheduler first = scheduler(Duration.ofSeconds(5), on("host-a", check));
    assertThat(first.runAllOnce(DEADLINE)).isTrue();
    first.close();
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler(Duration.ofSeconds(5), on("host-a", check)).runAllOnce(DEADLINE))
        .isTrue();

    CheckResult result = store.result(CheckKey.ofHost("host-a", "disk"));
    assertThat(result.success()).isFalse();
    assertThat(result.failureReason()).isEqualTo("parse_error");
    assertThat(result.lastSuccess()).isEqualTo(START);
    assertThat(result.samples()).containsExactly(counter);
  }

  @Test
  void hostUpFollowsReachability() throws Exception {
    CommandException unreachable =
        new CommandException(CommandException.Reason.UNREACHABLE, "connection refused");
    ScriptedHostCheck check =
        new ScriptedHostCheck(
            "ssh",
            Duration.ofMinutes(1),
            failing("unreachable", "connection refused", unreachable),
            failing("parse_error", "bad output", null),
            returning());

    assertThat(scheduler(Duration.ofSeconds(5), on("host-a", check)).runAllOnce(DEADLINE))
        .isTrue();
    assertThat(store.snapshot().hostUp()).containsEntry("host-a", false);
    scheduler.close();
    assertThat(scheduler(Duration.ofSeconds(5), on("host-a", check)).runAllOnce(DEADLINE))
        .isTrue();
    assertThat(store.snapshot().hostUp()).containsEntry("host-a", false);
    scheduler.close();
    assertThat(scheduler(Duration.ofSeconds(5), on("host-a", check)).runAllOnce(DEADLINE))
        .isTrue();
    assertThat(store.snapshot().hostUp()).containsEntry("host-a", true);
  }

  @Test
  void runPastTimeoutFailsAndIsInterrupted() throws Exception {
    ScriptedHostCheck check =
        new ScriptedHostCheck("hang", Duration.ofMinutes(1), blockingUntil(release));
    scheduler(Duration.ofMillis(200), on("host-a", check)).runAllOnce(DEADLINE);

    CheckResult result = store.result(CheckKey.ofHost("host-a", "hang"));
    assertThat(result.success()).isFalse();
    assertThat(result.failureReason()).isEqualTo(FailureReasons.TIMEOUT);
    assertThat(result.durationSeconds()).isEqualTo(0.2);
    assertThat(Await.until(() -> check.interrupted() == 1, DEADLINE)).isTrue();
    // The late "interrupted" failure of the worker must not replace the timeout.
    assertThat(store.result(CheckKey.ofHost("host-a", "hang")).failureReason())
        .isEqualTo(FailureReasons.TIMEOUT);
  }

  @Test
  void uncheckedExceptionIsInternalError() throws Exception {
    ScriptedHostCheck check =
        new ScriptedHostCheck(
            "buggy",
            Duration.ofMinutes(1),
            () -> {
              throw new IllegalStateException("bug");
            });
    scheduler(Duration.ofSeconds(5), on("host-a", check)).runAllOnce(DEADLINE);

    CheckResult result = store.result(CheckKey.ofHost("host-a", "buggy"));
    assertThat(result.failureReason()).isEqualTo(FailureReasons.INTERNAL_ERROR);
  }

  @Test
  void unboundedReasonBecomesOther() throws Exception {
    ScriptedHostCheck check =
        new ScriptedHostCheck(
            "odd", Duration.ofMinutes(1), failing("Exit status 3: /bin/df", "msg", null));
    scheduler(Duration.ofSeconds(5), on("host-a", check)).runAllOnce(DEADLINE);

    assertThat(store.result(CheckKey.ofHost("host-a", "odd")).failureReason()).isEqualTo("other");
  }

  @Test
  void closeWithStuckCheckEndsWithinBound() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    ScriptedHostCheck stuck =
        new ScriptedHostCheck(
            "stuck",
            Duration.ofMillis(50),
            () -> {
              started.countDown();
              // Ignores interrupts, like a check blocked in uninterruptible I/O.
              long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
              while (System.nanoTime() < end && release.getCount() > 0) {
                Thread.onSpinWait();
              }
              return List.of();
            });
    scheduler(Duration.ofSeconds(30), Duration.ofSeconds(30), on("host-a", stuck)).start();
    assertThat(Await.until(() -> started.getCount() == 0, DEADLINE)).isTrue();

    long start = System.nanoTime();
    scheduler.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Grace is 2 s plus 1 s for interrupted workers; 4 s leaves room for a slow machine.
    assertThat(took).isLessThan(Duration.ofSeconds(4));
    assertThat(scheduler.isRunning()).isFalse();
  }

  @Test
  void runTimeoutIsIntervalCappedPlusGrace() {
    Scheduler.Settings settings =
        new Scheduler.Settings(
            1, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);

    assertThat(settings.runTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.runTimeout(Duration.ofHours(6))).isEqualTo(Duration.ofSeconds(330));
  }

  private long skips(CheckKey key) {
    return store.snapshot().skippedRuns().getOrDefault(key, 0L);
  }
}
