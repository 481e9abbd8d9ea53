package dev.opsbook.exporter.collect.backup;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.backup.BackupListingParser.Listing;
import dev.opsbook.exporter.collect.backup.BackupListingParser.ListingFormatException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists the backup directory of a host, for both backup checks. */
final class BackupLister {

  private static final Logger LOG = LoggerFactory.getLogger(BackupLister.class);

  /**
   * A listing with the host clock offset.
   *
   * @param clockOffsetSeconds exporter clock minus host clock, measured at the midpoint of the
   *     command's run, so it includes up to half the round trip as error
   */
  record TimedListing(Listing listing, double clockOffsetSeconds) {}

  private final String directory;
  private final String command;
  private final Clock clock;

  BackupLister(String directory, Clock clock) {
    this.directory = directory;
    this.command = BackupCommands.listing(directory);
    this.clock = clock;
  }

  String directory() {
    return directory;
  }

  TimedListing list(CommandRunner runner, String check, Duration timeout) throws CheckFailure {
    String host = runner.hostName();
    long before = clock.millis();
    CommandResult result = CheckCommands.runSuccessful(runner, check, command, timeout);
    long after = clock.millis();
    Listing listing;
    try {
      listing = BackupListingParser.parse(result.stdout());
    } catch (ListingFormatException e) {
      throw new CheckFailure(
          Reasons.PARSE_ERROR,
          "check " + check + " on host " + host + ": directory " + directory + ": " + e.getMessage(),
          e);
    }
    if (listing.errorReason() != null) {
      throw new CheckFailure(
          listing.errorReason(),
          "check " + check + " on host " + host + ": backup directory " + directory + ": "
              + listing.errorReason().replace('_', ' '));
    }
    if (listing.skippedNames() > 0) {
      LOG.warn(
          "check {} on host {}: skipped {} files in {} whose names are not valid UTF-8",
          check, host, listing.skippedNames(), directory);
    }
    double exporterNow = (before + after) / 2000.0;
    return new TimedListing(listing, exporterNow - listing.hostNowSeconds());
  }
}
