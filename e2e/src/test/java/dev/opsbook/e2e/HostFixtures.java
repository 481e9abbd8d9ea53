package dev.opsbook.e2e;

import dev.opsbook.exporter.collect.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files of the test host under the sshd harness's host root: a certificate, backup archives
 * in two tiers and a journal directory with a real journal file. Each fixture can be broken and
 * repaired for real.
 */
final class HostFixtures {

  static final String UNIT = "e2e-api.service";
  static final int DAILY_MIN = 3;
  static final int WEEKLY_MIN = 2;
  static final String CRITICAL_MESSAGE = "FATAL: scene graph corrupted, aborting";

  /** Realtime clock of journal entries in microseconds, strictly increasing across batches. */
  private static final AtomicLong JOURNAL_CLOCK =
      new AtomicLong(System.currentTimeMillis() * 1000);

  private static final String BOOT_ID = "e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0";

  private final Path root;

  HostFixtures(Path root) {
    this.root = root;
  }

  Path certificate() {
    return root.resolve("certs/e2e-api.crt");
  }

  Path backups() {
    return root.resolve("backups");
  }

  Path journalDirectory() {
    return root.resolve("journal");
  }

  /** Writes every fixture in its healthy state. */
  void createHealthy() throws Exception {
    Files.createDirectories(certificate().getParent());
    writeValidCertificate();
    Files.createDirectories(backups());
    writeDailyBackups(DAILY_MIN + 1);
    for (int week = 0; week < WEEKLY_MIN + 1; week++) {
      writeArchive("e2e_weekly_" + week + ".tar.gz", Duration.ofDays(7L * week + 1));
    }
    Files.createDirectories(journalDirectory());
    appendJournal(6, "e2e-api started", 3, "request served");
  }

  /** Replaces the certificate file with one that expired yesterday. */
  void writeExpiredCertificate() throws Exception {
    Instant now = Instant.now();
    writeCertificate(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)));
  }

  /** Replaces the certificate file with one valid for a year. */
  void writeValidCertificate() throws Exception {
    Instant now = Instant.now();
    writeCertificate(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
  }

  private void writeCertificate(Instant notBefore, Instant notAfter) throws Exception {
    TestPki.Issued issued = TestPki.selfSigned("CN=e2e-api.example.test", notBefore, notAfter);
    Path temp = certificate().resolveSibling("e2e-api.crt.tmp");
    Files.writeString(temp, TestPki.pem(issued.certificate()), StandardCharsets.US_ASCII);
    // A rename replaces the file at once, so the exporter never reads half a certificate.
    Files.move(temp, certificate(), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes the daily archives except the newest, so the tier keeps fewer than its minimum. */
  void deleteOldDailyBackups() throws IOException {
    for (int day = 1; day < DAILY_MIN + 1; day++) {
      Files.deleteIfExists(backups().resolve(dailyName(day)));
    }
  }

  /** Writes the daily archives again, the newest one hour old. */
  void restoreDailyBackups() throws Exception {
    writeDailyBackups(DAILY_MIN + 1);
  }

  private void writeDailyBackups(int count) throws Exception {
    for (int day = 0; day < count; day++) {
      writeArchive(dailyName(day), Duration.ofHours(24L * day + 1));
    }
  }

  private static String dailyName(int day) {
    return "e2e_daily_" + day + ".tar.gz";
  }

  /**
   * Writes a real gzip tar archive with {@code tar}, so the integrity check can list it. The
   * archive is written under a name outside every tier pattern and renamed once complete and
   * dated, so the checks never see a partial or wrongly dated archive.
   */
  private void writeArchive(String name, Duration age) throws Exception {
    Path content = backups().resolve("content.txt");
    Files.writeString(content, "backup " + name + "\n");
    Path partial = backups().resolve(name + ".partial");
    run(List.of(Tools.TAR.toString(), "-czf", partial.toString(), "-C", backups().toString(),
        "content.txt"));
    Files.delete(content);
    Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minus(age)));
    Files.move(partial, backups().resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Appends entries of {@link #UNIT} to the journal, in pairs of priority and message, through
   * {@code systemd-journal-remote}, which writes a real journal file from journal export format.
   */
  void appendJournal(Object... priorityMessagePairs) throws Exception {
    StringBuilder export = new StringBuilder();
    for (int i = 0; i < priorityMessagePairs.length; i += 2) {
      long now = JOURNAL_CLOCK.updateAndGet(
          previous -> Math.max(previous + 1, System.currentTimeMillis() * 1000));
      export.append("__REALTIME_TIMESTAMP=").append(now).append('\n')
          .append("__MONOTONIC_TIMESTAMP=").append(now - 1_700_000_000_000_000L).append('\n')
          .append("_BOOT_ID=").append(BOOT_ID).append('\n')
          .append("_SYSTEMD_UNIT=").append(UNIT).append('\n')
          .append("PRIORITY=").append(priorityMessagePairs[i]).append('\n')
          .append("MESSAGE=").append(priorityMessagePairs[i + 1]).append('\n')
          .append('\n');
    }
    Path input = Files.createTempFile(root, "journal-batch", ".export");
    Files.writeString(input, export.toString(), StandardCharsets.UTF_8);
    try {
      run(List.of(Tools.JOURNAL_REMOTE.toString(),
          "--output=" + journalDirectory().resolve("e2e.journal"), input.toString()));
    } finally {
      Files.delete(input);
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out after 30 s: " + String.join(" ", command));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed with status "
          + process.exitValue() + ": " + output);
    }
  }
}
