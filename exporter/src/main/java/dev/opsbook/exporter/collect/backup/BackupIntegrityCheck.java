package dev.opsbook.exporter.collect.backup;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.backup.BackupLister.TimedListing;
import dev.opsbook.exporter.collect.backup.BackupTiers.TierSummary;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks.BackupTier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the newest archive of each tier lists with {@code tar -tz}. The check lists the
 * directory again instead of sharing state with {@link BackupsCheck}, so it always tests the
 * archive that is newest now and does not depend on the order in which the checks run. A tier
 * without archives reports no sample.
 */
public final class BackupIntegrityCheck implements HostCheck {

  /** Maximum time of all tar runs of one check together; large archives take minutes to read. */
  static final Duration MAX_TAR_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern TAR_LINE =
      Pattern.compile(Pattern.quote(BackupCommands.TAR_MARKER) + " (\\d+) (\\d+)");

  private final BackupLister lister;
  private final List<BackupTier> tiers;
  private final Duration interval;

  /**
   * @throws IllegalArgumentException when the directory contains a NUL byte or a tier pattern
   *     is not a valid glob
   */
  public BackupIntegrityCheck(
      String directory, List<BackupTier> tiers, Duration interval, Clock clock) {
    this.lister = new BackupLister(directory, clock);
    this.tiers = List.copyOf(tiers);
    this.interval = interval;
    BackupTiers.summarize(this.tiers, List.of());
  }

  @Override
  public String name() {
    return MetricNames.CHECK_BACKUP_INTEGRITY;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    TimedListing timed = lister.list(runner, name(), CheckCommands.timeoutFor(interval));
    List<TierSummary> withArchive = new ArrayList<>();
    List<String> archives = new ArrayList<>();
    for (TierSummary summary : BackupTiers.summarize(tiers, timed.listing().files())) {
      if (summary.newest() != null) {
        withArchive.add(summary);
        archives.add(lister.directory() + "/" + summary.newest().relativePath());
      }
    }
    if (archives.isEmpty()) {
      return List.of();
    }
    Duration timeout = interval.compareTo(MAX_TAR_TIMEOUT) < 0 ? interval : MAX_TAR_TIMEOUT;
    CommandResult result =
        CheckCommands.runSuccessful(runner, name(), BackupCommands.integrity(archives), timeout);
    int[] statuses = parseStatuses(result.stdoutText(), archives.size(), runner.hostName());
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < withArchive.size(); i++) {
      samples.add(
          Sample.gauge(
              MetricNames.BACKUP_NEWEST_INTACT,
              Map.of(MetricNames.LABEL_TIER, withArchive.get(i).tier().name()),
              statuses[i] == 0 ? 1 : 0));
    }
    return samples;
  }

  private int[] parseStatuses(String output, int count, String host) throws CheckFailure {
    int[] statuses = new int[count];
    int seen = 0;
    for (String line : output.split("\n")) {
      Matcher matcher = TAR_LINE.matcher(line);
      if (matcher.matches() && Integer.parseInt(matcher.group(1)) == seen && seen < count) {
        statuses[seen++] = Integer.parseInt(matcher.group(2));
      }
    }
    if (seen != count) {
      throw new CheckFailure(
          Reasons.PARSE_ERROR,
          "check backup_integrity on host " + host + ": tar output has " + seen
              + " status lines, expected " + count + ": " + CheckCommands.excerpt(output));
    }
    return statuses;
  }
}
