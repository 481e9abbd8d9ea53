package dev.opsbook.exporter.collect.backup;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.backup.BackupLister.TimedListing;
import dev.opsbook.exporter.collect.backup.BackupTiers.TierSummary;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks.BackupTier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Count, total size and newest modification time of the archives of each retention tier. The
 * newest time is moved onto the exporter's clock, so {@code time() - timestamp} is the age even
 * when the host clock is off. A tier without archives reports count 0 and no timestamp.
 */
public final class BackupsCheck implements HostCheck {

  private final BackupLister lister;
  private final List<BackupTier> tiers;
  private final Duration interval;

  /**
   * @throws IllegalArgumentException when the directory contains a NUL byte or a tier pattern
   *     is not a valid glob
   */
  public BackupsCheck(String directory, List<BackupTier> tiers, Duration interval, Clock clock) {
    this.lister = new BackupLister(directory, clock);
    this.tiers = List.copyOf(tiers);
    this.interval = interval;
    BackupTiers.summarize(this.tiers, List.of());
  }

  @Override
  public String name() {
    return MetricNames.CHECK_BACKUPS;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    TimedListing timed = lister.list(runner, name(), CheckCommands.timeoutFor(interval));
    List<Sample> samples = new ArrayList<>();
    for (TierSummary summary : BackupTiers.summarize(tiers, timed.listing().files())) {
      samples.addAll(samplesOf(summary, timed.clockOffsetSeconds()));
    }
    return samples;
  }

  static List<Sample> samplesOf(TierSummary summary, double clockOffsetSeconds) {
    Map<String, String> labels = Map.of(MetricNames.LABEL_TIER, summary.tier().name());
    List<Sample> samples = new ArrayList<>();
    samples.add(Sample.gauge(MetricNames.BACKUP_COUNT, labels, summary.count()));
    samples.add(Sample.gauge(MetricNames.BACKUP_SIZE_BYTES, labels, summary.totalBytes()));
    if (summary.newest() != null) {
      samples.add(
          Sample.gauge(
              MetricNames.BACKUP_NEWEST_TIMESTAMP_SECONDS,
              labels,
              summary.newest().mtimeSeconds() + clockOffsetSeconds));
    }
    return samples;
  }
}
