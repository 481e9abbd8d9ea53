package dev.opsbook.exporter.collect.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.NobodyRunner;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks.BackupTier;
import dev.opsbook.spec.model.PromDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupChecksTest {

  private static final List<BackupTier> TIERS =
      List.of(
          new BackupTier("daily", "production_daily_*.tar.gz", 7, PromDuration.parse("26h")),
          new BackupTier("weekly", "weekly/*.tar.gz", 4, PromDuration.parse("8d")),
          new BackupTier("monthly", "production_monthly_*.tar.gz", 3, PromDuration.parse("32d")));

  @TempDir Path temp;

  private final LocalRunner local = new LocalRunner("local", 1 << 20);

  @Test
  void countsTiersOfRealArchives() throws Exception {
    Path directory = backupDirectory("backups");
    BackupsCheck check = new BackupsCheck(directory.toString(), TIERS, Duration.ofMinutes(5), Clock.systemUTC());

    List<Sample> samples = check.collect(local);

    assertThat(value(samples, MetricNames.BACKUP_COUNT, "daily")).isEqualTo(2);
    assertThat(value(samples, MetricNames.BACKUP_COUNT, "weekly")).isEqualTo(1);
    assertThat(value(samples, MetricNames.BACKUP_COUNT, "monthly")).isZero();
    double dailyBytes =
        Files.size(directory.resolve("production_daily_20261201.tar.gz"))
            + Files.size(directory.resolve("production_daily_20261202.tar.gz"));
    assertThat(value(samples, MetricNames.BACKUP_SIZE_BYTES, "daily")).isEqualTo(dailyBytes);
    assertThat(value(samples, MetricNames.BACKUP_NEWEST_TIMESTAMP_SECONDS, "daily"))
        .isCloseTo(Instant.parse("2026-12-02T03:00:00Z").getEpochSecond(), Offset.offset(2.0));
    assertThat(
            Samples.find(
                samples,
                MetricNames.BACKUP_NEWEST_TIMESTAMP_SECONDS,
                Map.of(MetricNames.LABEL_TIER, "monthly")))
        .isEmpty();
  }

  @Test
  void correctsHostClockOffset() throws Exception {
    Path directory = backupDirectory("backups");
    Instant exporterNow = Instant.now().plus(Duration.ofHours(1));
    Clock ahead = Clock.fixed(exporterNow, ZoneOffset.UTC);
    BackupsCheck check = new BackupsCheck(directory.toString(), TIERS, Duration.ofMinutes(5), ahead);

    List<Sample> samples = check.collect(local);

    double expected = Instant.parse("2026-12-02T03:00:00Z").getEpochSecond() + 3600;
    assertThat(value(samples, MetricNames.BACKUP_NEWEST_TIMESTAMP_SECONDS, "daily"))
        .isCloseTo(expected, Offset.offset(5.0));
  }

  @Test
  void detectsCorruptNewestArchive() throws Exception {
    Path directory = backupDirectory("backups");
    BackupIntegrityCheck check =
        new BackupIntegrityCheck(directory.toString(), TIERS, Duration.ofHours(6), Clock.systemUTC());

    List<Sample> samples = check.collect(local);

    assertThat(value(samples, MetricNames.BACKUP_NEWEST_INTACT, "daily")).isZero();
    assertThat(value(samples, MetricNames.BACKUP_NEWEST_INTACT, "weekly")).isEqualTo(1);
    assertThat(
            Samples.find(
                samples, MetricNames.BACKUP_NEWEST_INTACT, Map.of(MetricNames.LABEL_TIER, "monthly")))
        .isEmpty();
  }

  @Test
  void readsIntactNewestArchive() throws Exception {
    Path directory = backupDirectory("backups");
    Path newer = directory.resolve("production_daily_20261203.tar.gz");
    Files.copy(directory.resolve("production_daily_20261201.tar.gz"), newer);
    Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-12-03T03:00:00Z")));
    BackupIntegrityCheck check =
        new BackupIntegrityCheck(directory.toString(), TIERS, Duration.ofHours(6), Clock.systemUTC());

    List<Sample> samples = check.collect(local);

    assertThat(value(samples, MetricNames.BACKUP_NEWEST_INTACT, "daily")).isEqualTo(1);
  }

  @Test
  void symlinkedDirectoryCounts() throws Exception {
    Path directory = backupDirectory("backups");
    Path link = Files.createSymbolicLink(temp.resolve("backups-link"), directory);
    BackupsCheck listing =
        new BackupsCheck(link.toString(), TIERS, Duration.ofMinutes(5), Clock.systemUTC());
    BackupIntegrityCheck integrity =
        new BackupIntegrityCheck(link.toString(), TIERS, Duration.ofHours(6), Clock.systemUTC());

    List<Sample> counts = listing.collect(local);
    List<Sample> intact = integrity.collect(local);

    assertThat(value(counts, MetricNames.BACKUP_COUNT, "daily")).isEqualTo(2);
    assertThat(value(counts, MetricNames.BACKUP_COUNT, "weekly")).isEqualTo(1);
    assertThat(value(intact, MetricNames.BACKUP_NEWEST_INTACT, "weekly")).isEqualTo(1);
  }

  @Test
  void unreadableSubdirectoryStillCounts() throws Exception {
    Path directory = backupDirectory("backups");
    Path lostFound = Files.createDirectory(directory.resolve("lost+found"));
    Files.setPosixFilePermissions(lostFound, PosixFilePermissions.fromString("rwx------"));
    openToEveryone(directory);
    BackupsCheck check =
        new BackupsCheck(directory.toString(), TIERS, Duration.ofMinutes(5), Clock.systemUTC());

    List<Sample> samples = check.collect(new NobodyRunner(local));

    assertThat(value(samples, MetricNames.BACKUP_COUNT, "daily")).isEqualTo(2);
    assertThat(value(samples, MetricNames.BACKUP_COUNT, "weekly")).isEqualTo(1);
  }

  @Test
  void unreadableDirectoryIsPermissionDenied() throws Exception {
    Path directory = backupDirectory("backups");
    openToEveryone(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    BackupsCheck check =
        new BackupsCheck(directory.toString(), TIERS, Duration.ofMinutes(5), Clock.systemUTC());

    assertThatThrownBy(() -> check.collect(new NobodyRunner(local)))
        .isInstanceOf(CheckFailure.class)
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("permission_denied");
  }

  @Test
  void missingDirectoryIsNotFound() {
    String missing = temp.resolve("no backups").toString();
    BackupsCheck check = new BackupsCheck(missing, TIERS, Duration.ofMinutes(5), Clock.systemUTC());

    assertThatThrownBy(() -> check.collect(local))
        .isInstanceOf(CheckFailure.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("host local")
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("not_found");
  }

  @Test
  void quotesDirectoryWithShellSyntax() throws Exception {
    Path marker = temp.resolve("pwned");
    Path directory = backupDirectory("x; touch " + marker.getFileName() + "; $(touch pwned)");
    String path = directory.toString();
    BackupsCheck listing = new BackupsCheck(path, TIERS, Duration.ofMinutes(5), Clock.systemUTC());
    BackupIntegrityCheck integrity =
        new BackupIntegrityCheck(path, TIERS, Duration.ofHours(6), Clock.systemUTC());

    List<Sample> counts = listing.collect(local);
    List<Sample> intact = integrity.collect(local);

    assertThat(value(counts, MetricNames.BACKUP_COUNT, "daily")).isEqualTo(2);
    assertThat(value(intact, MetricNames.BACKUP_NEWEST_INTACT, "weekly")).isEqualTo(1);
    assertThat(marker).doesNotExist();
    assertThat(Path.of("pwned")).doesNotExist();
  }

  /**
   * Makes a directory with two daily archives, the newer one corrupt, and one weekly archive,
   * all written by the real tar.
   */
  private Path backupDirectory(String name) throws Exception {
    Path directory = Files.createDirectories(temp.resolve(name));
    Path content = Files.createDirectories(temp.resolve("content-" + Math.abs(name.hashCode())));
    Files.writeString(content.resolve("scene.json"), "{\"scene\":1}\n");
    Files.createDirectories(directory.resolve("weekly"));
    Path good = directory.resolve("production_daily_20261201.tar.gz");
    tar(good, content);
    tar(directory.resolve("weekly/production_weekly_2026w48.tar.gz"), content);
    Path corrupt = directory.resolve("production_daily_20261202.tar.gz");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 2));
    Files.writeString(directory.resolve("notes.txt"), "not a backup\n");
    Files.setLastModifiedTime(good, FileTime.from(Instant.parse("2026-12-01T03:00:00Z")));
    Files.setLastModifiedTime(corrupt, FileTime.from(Instant.parse("2026-12-02T03:00:00Z")));
    return directory;
  }

  /** Lets the user nobody enter the temp directory and read everything in it. */
  private void openToEveryone(Path directory) throws Exception {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.toList()) {
        if (!path.getFileName().toString().equals("lost+found")) {
          String mode = Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--";
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
      }
    }
  }

  private static void tar(Path archive, Path content) throws Exception {
    Process process =
        new ProcessBuilder(
                "tar", "--force-local", "-czf", archive.toString(), "-C", content.toString(), ".")
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tar czf timed out");
    }
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).as("tar czf: " + output + " (apt-get install tar gzip)").isZero();
  }

  private static double value(List<Sample> samples, String name, String tier) {
    return Samples.value(samples, name, Map.of(MetricNames.LABEL_TIER, tier));
  }
}
