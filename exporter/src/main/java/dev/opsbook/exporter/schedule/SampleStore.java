package dev.opsbook.exporter.schedule;

import dev.opsbook.exporter.collect.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest result of every check, written by the scheduler's workers and read by scrapes. A
 * scrape reads a copy, so it never waits for a running check.
 *
 * <p>On failure the store drops the check's gauges, because serving an old value as current
 * hides the failure, but keeps its counters at their last value, so {@code increase()} sees no
 * reset when the check recovers.
 */
public final class SampleStore {

  private final ConcurrentMap<CheckKey, CheckResult> results = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Boolean> hostUp = new ConcurrentHashMap<>();
  private final ConcurrentMap<CheckKey, LongAdder> skippedRuns = new ConcurrentHashMap<>();

  /** Stores the samples of a successful run, replacing those of the previous run. */
  public void recordSuccess(CheckKey key, List<Sample> samples, double durationSeconds, Instant end) {
    results.put(key, new CheckResult(key, true, durationSeconds, end, null, samples));
  }

  /** Stores a failed run: the previous gauges are dropped, the previous counters kept. */
  public void recordFailure(CheckKey key, String reason, double durationSeconds) {
    results.compute(
        key,
        (unused, previous) -> {
          Instant lastSuccess = previous == null ? null : previous.lastSuccess();
          List<Sample> counters =
              previous == null
                  ? List.of()
                  : previous.samples().stream()
                      .filter(sample -> sample.type() == Sample.Type.COUNTER)
                      .toList();
          return new CheckResult(key, false, durationSeconds, lastSuccess, reason, counters);
        });
  }

  public void recordHostUp(String host, boolean up) {
    hostUp.put(host, up);
  }

  /** Counts a run that was not started because the previous run of the check was still going. */
  public void recordSkippedRun(CheckKey key) {
    skippedRuns.computeIfAbsent(key, unused -> new LongAdder()).increment();
  }

  /** Returns the latest result of the check, or {@code null} before its first run ends. */
  public CheckResult result(CheckKey key) {
    return results.get(key);
  }

  /** Returns a consistent-enough copy for one scrape, sorted by check and host. */
  public Snapshot snapshot() {
    SortedMap<CheckKey, CheckResult> resultCopy = new TreeMap<>(results);
    SortedMap<String, Boolean> hostCopy = new TreeMap<>(hostUp);
    SortedMap<CheckKey, Long> skipCopy = new TreeMap<>();
    skippedRuns.forEach((key, count) -> skipCopy.put(key, count.sum()));
    return new Snapshot(List.copyOf(resultCopy.values()), hostCopy, skipCopy);
  }

  /**
   * A copy of the store taken for one scrape.
   *
   * @param results latest result per check, sorted by key
   * @param hostUp reachability per host name, sorted by name
   * @param skippedRuns skipped runs per check, sorted by key
   */
  public record Snapshot(
      List<CheckResult> results, Map<String, Boolean> hostUp, Map<CheckKey, Long> skippedRuns) {}
}
