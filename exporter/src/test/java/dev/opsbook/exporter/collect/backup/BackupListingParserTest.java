package dev.opsbook.exporter.collect.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.backup.BackupListingParser.BackupFile;
import dev.opsbook.exporter.collect.backup.BackupListingParser.Listing;
import dev.opsbook.exporter.collect.backup.BackupListingParser.ListingFormatException;
import dev.opsbook.exporter.collect.backup.BackupTiers.TierSummary;
import dev.opsbook.spec.model.Checks.BackupTier;
import dev.opsbook.spec.model.PromDuration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupListingParserTest {

  private static final BackupTier DAILY =
      new BackupTier("daily", "production_daily_*.tar.gz", 7, PromDuration.parse("26h"));
  private static final BackupTier WEEKLY =
      new BackupTier("weekly", "weekly/production_weekly_*.tar.gz", 4, PromDuration.parse("8d"));
  private static final BackupTier MONTHLY =
      new BackupTier("monthly", "production_monthly_*.tar.gz", 3, PromDuration.parse("32d"));

  @Test
  void parsesRealListing() throws Exception {
    Listing listing = BackupListingParser.parse(Resources.bytes("backup/listing.bin"));

    assertThat(listing.errorReason()).isNull();
    assertThat(listing.hostNowSeconds()).isEqualTo(1796354806.543456734);
    assertThat(listing.skippedNames()).isEqualTo(1);
    assertThat(listing.files()).extracting(BackupFile::relativePath)
        .containsExactlyInAnyOrder(
            "production_daily_20261201.tar.gz",
            "production_daily_20261202.tar.gz",
            "production_daily_odd\nname.tar.gz",
            "weekly/production_weekly_2026w48.tar.gz",
            "notes.txt");
  }

  @Test
  void summarizesTiers() throws Exception {
    Listing listing = BackupListingParser.parse(Resources.bytes("backup/listing.bin"));

    List<TierSummary> tiers = BackupTiers.summarize(List.of(DAILY, WEEKLY, MONTHLY), listing.files());

    TierSummary daily = tiers.get(0);
    assertThat(daily.count()).isEqualTo(3);
    assertThat(daily.totalBytes()).isEqualTo(2 + 3 + 3);
    assertThat(daily.newest().relativePath()).isEqualTo("production_daily_20261202.tar.gz");
    assertThat(daily.newest().mtimeSeconds()).isEqualTo(1796180400.0);
    assertThat(tiers.get(1).count()).isEqualTo(1);
    assertThat(tiers.get(2).count()).isZero();
    assertThat(tiers.get(2).newest()).isNull();
  }

  @Test
  void parsesMissingDirectory() throws Exception {
    Listing listing = BackupListingParser.parse("ERR not_found\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(listing.errorReason()).isEqualTo("not_found");
  }

  @Test
  void rejectsCutRecord() {
    byte[] output = "1796354806.5\n1796180400.0 3 production_daily_1.tar".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> BackupListingParser.parse(output))
        .isInstanceOf(ListingFormatException.class)
        .hasMessageContaining("ends inside a record");
  }

  @Test
  void rejectsInvalidClock() {
    byte[] output = "date: invalid\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> BackupListingParser.parse(output))
        .isInstanceOf(ListingFormatException.class)
        .hasMessageContaining("host clock \"date: invalid\" is not a number");
  }
}
