package dev.opsbook.exporter.schedule;

import dev.opsbook.exporter.collect.Sample;
import java.time.Instant;
import java.util.List;

/**
 * The latest outcome of one check, as a scrape serves it.
 *
 * @param key the check
 * @param success whether the latest run produced its samples
 * @param durationSeconds how long the latest run took, or the timeout when it timed out
 * @param lastSuccess end of the latest successful run, or {@code null} before the first success
 * @param failureReason the bounded failure reason of the latest run, or {@code null} on success
 * @param samples the samples to serve, without the {@code host} label: those of the latest run on
 *     success, and only the counters of the last successful run on failure
 */
public record CheckResult(
    CheckKey key,
    boolean success,
    double durationSeconds,
    Instant lastSuccess,
    String failureReason,
    List<Sample> samples) {

  public CheckResult {
    samples = List.copyOf(samples);
  }
}
