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

  /**
   * Accepts a find that exited with status 1 only because it could not enter subdirectories,
   * such as a root-only {@code lost+found} on a backup filesystem; the archives it could list
   * are still counted.
   *
   * @throws CheckFailure {@code exit_status} when the command failed for any other cause
   */
  private void requireOnlyUnreadableSubdirectories(CommandResult result, String host, String check)
      throws CheckFailure {
    String stderr = result.stderrText();
    boolean onlyPermissionErrors = result.exitStatus() == 1 && !stderr.isBlank();
    for (String line : stderr.split("\n")) {
      if (!line.isBlank() && !line.contains("Permission denied")) {
        onlyPermissionErrors = false;
      }
    }
    if (!onlyPermissionErrors) {
      throw new CheckFailure(
          Reasons.EXIT_STATUS,
          "check " + check + " on host " + host + ": listing " + directory + " exited with status "
              + result.exitStatus() + ": " + CheckCommands.excerpt(stderr));
    }
    LOG.warn(
        "check {} on host {}: some subdirectories of {} are not readable: {}",
        check, host, directory, CheckCommands.excerpt(stderr));
  }

  TimedListing list(CommandRunner runner, String check, Duration timeout) throws CheckFailure {
    String host = runner.hostName();
    long before = clock.millis();
    CommandResult result = CheckCommands.run(runner, check, command, timeout);
    long after = clock.millis();
    if (!result.succeeded()) {
      requireOnlyUnreadableSubdirectories(result, host, check);
    }
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
