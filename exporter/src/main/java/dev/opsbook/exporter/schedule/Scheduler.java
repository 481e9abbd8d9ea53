package dev.opsbook.exporter.schedule;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.spec.model.Host;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every check in the background on its own interval and writes the outcomes to a {@link
 * SampleStore}.
 *
 * <p>A single timer thread starts runs and enforces timeouts; a bounded pool of workers runs the
 * checks. A check whose previous run is still going is skipped and counted instead of being
 * queued twice. So a slow or dead host occupies at most one worker per check, and it never
 * delays a check of another host while workers are free.
 */
public final class Scheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /**
   * Scheduler limits.
   *
   * @param workers maximum number of checks that run at once
   * @param maxCheckTimeout upper bound of the time a run gets before the grace: a run gets its
   *     check's interval, at most this long
   * @param timeoutGrace time added to a run's time, so that a check's own command timeouts, which
   *     the collectors derive from the same interval, fire first and report the real reason
   * @param maxInitialOffset upper bound of the random delay before a check's first run, which
   *     spreads the checks over time instead of starting all of them together
   * @param shutdownGrace how long {@link #close()} waits for running checks
   */
  public record Settings(
      int workers,
      Duration maxCheckTimeout,
      Duration timeoutGrace,
      Duration maxInitialOffset,
      Duration shutdownGrace) {

    public static final Settings DEFAULT =
        new Settings(
            16,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));

    public Settings {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, not " + workers);
      }
      if (maxCheckTimeout.isNegative() || maxCheckTimeout.isZero()) {
        throw new IllegalArgumentException("check timeout must be positive: " + maxCheckTimeout);
      }
      if (timeoutGrace.isNegative() || maxInitialOffset.isNegative()) {
        throw new IllegalArgumentException("timeout grace and initial offset must not be negative");
      }
    }

    /**
     * Returns the time after which a run of a check with this interval is recorded as failed with
     * reason {@code timeout} and its worker thread is interrupted.
     */
    public Duration runTimeout(Duration interval) {
      Duration base = interval.compareTo(maxCheckTimeout) < 0 ? interval : maxCheckTimeout;
      return base.plus(timeoutGrace);
    }
  }

  private final List<Job> jobs;
  private final SampleStore store;
  private final Settings settings;
  private final FailureLog failureLog;
  private final Clock clock;
  private final RandomGenerator random;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor workers;
  private volatile boolean running;
  private volatile boolean closed;

  public Scheduler(
      List<ScheduledCheck> checks,
      SampleStore store,
      Settings settings,
      FailureLog failureLog,
      Clock clock,
      RandomGenerator random) {
    this.jobs = checks.stream().map(Job::new).toList();
    this.store = store;
    this.settings = settings;
    this.failureLog = failureLog;
    this.clock = clock;
    this.random = random;
    this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("check-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    // Each check has at most one queued or running run, so the queue never exceeds the checks.
    this.workers =
        new ThreadPoolExecutor(
            settings.workers(),
            settings.workers(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(Math.max(1, jobs.size())),
            daemonThreads("check-worker"));
  }

  /** Starts every check after a random offset, then on its interval. */
  public synchronized void start() {
    if (closed || running) {
      throw new IllegalStateException("the scheduler can be started once");
    }
    running = true;
    for (Job job : jobs) {
      long intervalMillis = job.check.interval().toMillis();
      long offsetBound = Math.min(intervalMillis, settings.maxInitialOffset().toMillis());
      long offset = offsetBound <= 0 ? 0 : random.nextLong(offsetBound);
      timer.scheduleAtFixedRate(() -> tick(job), offset, intervalMillis, TimeUnit.MILLISECONDS);
    }
    LOG.info(
        "scheduler started: {} checks, {} workers, run timeout the interval, at most {} s, plus"
            + " {} s",
        jobs.size(),
        settings.workers(),
        settings.maxCheckTimeout().toSeconds(),
        settings.timeoutGrace().toSeconds());
  }

  /** Returns whether the scheduler has started and is not shutting down. */
  public boolean isRunning() {
    return running;
  }

  /**
   * Runs every check once, now, and waits until each has a result or the deadline passes. Used
   * by {@code --once}; the scheduler must not be started.
   *
   * @return whether every check finished or timed out before the deadline
   */
  public boolean runAllOnce(Duration deadline) throws InterruptedException {
    if (running || closed) {
      throw new IllegalStateException("runAllOnce needs a scheduler that was never started");
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (Job job : jobs) {
      Run run = submit(job);
      if (run != null) {
        done.add(run.done);
      }
    }
    try {
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
          .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      // Run.done never completes exceptionally; treat it as finished.
      return true;
    }
  }

  /** Returns the longest run timeout of all checks, or zero without checks. */
  public Duration longestRunTimeout() {
    return jobs.stream()
        .map(job -> settings.runTimeout(job.check.interval()))
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  /** Returns the checks in the order given. */
  public List<ScheduledCheck> checks() {
    return jobs.stream().map(job -> job.check).toList();
  }

  /**
   * Stops starting runs, drops queued runs, waits for running checks up to the shutdown grace,
   * then interrupts the rest. Safe to call more than once.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
    }
    long start = System.nanoTime();
    timer.shutdownNow();
    List<Runnable> queued = new ArrayList<>();
    workers.getQueue().drainTo(queued);
    for (Runnable runnable : queued) {
      ((Run) runnable).abandon();
    }
    workers.shutdown();
    int interrupted = 0;
    try {
      if (!workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        interrupted = workers.getActiveCount();
        workers.shutdownNow();
        workers.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    LOG.info(
        "scheduler stopped in {} ms: {} queued runs dropped, {} running checks interrupted",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
        queued.size(),
        interrupted);
  }

  private void tick(Job job) {
    // A throwing task would cancel its periodic schedule, so nothing may escape.
    try {
      if (running) {
        submit(job);
      }
    } catch (RuntimeException e) {
      LOG.error("could not start check {}", job.check.key(), e);
    }
  }

  /** Starts a run of the job unless one is still going; returns it, or null when skipped. */
  private Run submit(Job job) {
    Run run = new Run(job);
    if (!job.current.compareAndSet(null, run)) {
      store.recordSkippedRun(job.check.key());
      LOG.debug("check {} skipped: its previous run is still going", job.check.key());
      return null;
    }
    try {
      run.watchdog =
          timer.schedule(run::timeOut, run.timeout.toMillis(), TimeUnit.MILLISECONDS);
      workers.execute(run);
    } catch (RejectedExecutionException e) {
      // Only during shutdown: the pool and the timer reject work once closed.
      run.abandon();
      return null;
    }
    return run;
  }

  private void recordOutcome(ScheduledCheck check, Outcome outcome) {
    CheckKey key = check.key();
    if (outcome.failureReason == null) {
      store.recordSuccess(key, outcome.samples, outcome.durationSeconds, clock.instant());
      if (check.reportsHostUp()) {
        store.recordHostUp(key.host(), true);
      }
      failureLog.succeeded(key);
      return;
    }
    String reason = FailureReasons.sanitize(outcome.failureReason);
    store.recordFailure(key, reason, outcome.durationSeconds);
    // The local machine needs no connection, so no failure of its checks means it is down.
    if (check.reportsHostUp()
        && !Host.LOCAL.equals(key.host())
        && FailureReasons.meansHostDown(reason, outcome.cause)) {
      store.recordHostUp(key.host(), false);
    }
    failureLog.failed(key, reason, outcome.message);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A check with its in-flight run, if any. */
  private static final class Job {
    private final ScheduledCheck check;
    private final AtomicReference<Run> current = new AtomicReference<>();

    private Job(ScheduledCheck check) {
      this.check = check;
    }
  }

  /** Result of one run, before it is stored. */
  private record Outcome(
      List<Sample> samples,
      double durationSeconds,
      String failureReason,
      String message,
      Throwable cause) {}

  /**
   * One run of a job. The worker and the timeout race to record its outcome; whichever comes
   * first wins, under the run's lock. The job's slot is released when the worker returns, so a
   * run that ignores interrupts keeps later runs skipped instead of piling them up.
   */
  private final class Run implements Runnable {
    private final Job job;
    private final Duration timeout;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile ScheduledFuture<?> watchdog;
    private State state = State.QUEUED;
    private boolean recorded;
    private Thread thread;

    private Run(Job job) {
      this.job = job;
      this.timeout = settings.runTimeout(job.check.interval());
    }

    @Override
    public void run() {
      synchronized (this) {
        if (state != State.QUEUED) {
          return;
        }
        state = State.RUNNING;
        thread = Thread.currentThread();
      }
      long start = System.nanoTime();
      Outcome outcome = null;
      try {
        outcome = collect(start);
      } finally {
        synchronized (this) {
          state = State.DONE;
          thread = null;
        }
        // Clear an interrupt from the timeout, so it does not reach the next task on this thread.
        Thread.interrupted();
        cancelWatchdog();
        // When the timeout claimed the run first, it records the outcome and completes done.
        if (claim()) {
          if (outcome != null) {
            recordOutcome(job.check, outcome);
          }
          done.complete(null);
        }
        job.current.compareAndSet(this, null);
      }
    }

    private Outcome collect(long start) {
      try {
        List<Sample> samples = job.check.collector().collect();
        if (samples == null) {
          return failed(start, FailureReasons.INTERNAL_ERROR, "check returned no sample list", null);
        }
        return new Outcome(
            samples.stream().filter(Objects::nonNull).toList(),
            secondsSince(start),
            null,
            null,
            null);
      } catch (CheckFailure e) {
        return failed(start, e.reason(), e.getMessage(), e);
      } catch (RuntimeException | StackOverflowError e) {
        LOG.debug("check {} threw", job.check.key(), e);
        return failed(start, FailureReasons.INTERNAL_ERROR, e.toString(), e);
      }
    }

    private Outcome failed(long start, String reason, String message, Throwable cause) {
      return new Outcome(List.of(), secondsSince(start), reason, message, cause);
    }

    /** Called by the timer when the check timeout passes. */
    private void timeOut() {
      boolean wasQueued;
      synchronized (this) {
        if (state == State.DONE || recorded) {
          return;
        }
        recorded = true;
        wasQueued = state == State.QUEUED;
        if (wasQueued) {
          state = State.DONE;
        } else {
          thread.interrupt();
        }
      }
      double timeoutSeconds = timeout.toMillis() / 1000.0;
      String message =
          wasQueued
              ? "no worker was free within " + timeoutSeconds + " s; raise --workers"
              : "still running after " + timeoutSeconds + " s; the worker was interrupted";
      recordOutcome(
          job.check, new Outcome(List.of(), timeoutSeconds, FailureReasons.TIMEOUT, message, null));
      done.complete(null);
      if (wasQueued) {
        workers.remove(this);
        job.current.compareAndSet(this, null);
      }
    }

    /** Drops a queued run during shutdown, without recording an outcome. */
    private void abandon() {
      synchronized (this) {
        if (state != State.QUEUED) {
          return;
        }
        state = State.DONE;
        recorded = true;
      }
      cancelWatchdog();
      job.current.compareAndSet(this, null);
      done.complete(null);
    }

    /** Returns true for the one caller that gets to record the outcome. */
    private synchronized boolean claim() {
      if (recorded) {
        return false;
      }
      recorded = true;
      return true;
    }

    private void cancelWatchdog() {
      ScheduledFuture<?> scheduled = watchdog;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }
  }

  private enum State {
    QUEUED,
    RUNNING,
    DONE
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
