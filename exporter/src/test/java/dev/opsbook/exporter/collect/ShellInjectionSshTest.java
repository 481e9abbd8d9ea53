package dev.opsbook.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.collect.backup.BackupIntegrityCheck;
import dev.opsbook.exporter.collect.backup.BackupsCheck;
import dev.opsbook.exporter.collect.certificate.CertificateFilesCheck;
import dev.opsbook.exporter.collect.filesystem.FilesystemCheck;
import dev.opsbook.exporter.collect.journal.JournalCheck;
import dev.opsbook.exporter.collect.systemd.SystemdUnitsCheck;
import dev.opsbook.exporter.runner.SshRunner;
import dev.opsbook.exporter.runner.SshSettings;
import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Checks.BackupTier;
import dev.opsbook.spec.model.Checks.Journal;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.PromDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passes shell metacharacters in every spec value that reaches a command, and in file names on
 * the host, through each host check over a real sshd. Each hostile value would create a file in
 * the marker directory if a shell ran any part of it.
 */
class ShellInjectionSshTest {

  private static final Duration INTERVAL = Duration.ofSeconds(20);

  private static Sshd sshd;
  private static SshRunner runner;
  private static Path markers;

  @BeforeAll
  static void startServer() throws Exception {
    sshd = Sshd.start();
    Path knownHosts = sshd.writeKnownHosts(sshd.newTempDirectory("kh").resolve("known_hosts"));
    SshSettings settings = SshSettings.defaults()
        .withKnownHosts(knownHosts, SshSettings.HostKeyPolicy.STRICT)
        .withIdentities(List.of(sshd.clientKey()))
        .withConnectTimeout(Duration.ofSeconds(5));
    runner = SshRunner.create(
        new Host("evil-values", sshd.host(), sshd.user(), sshd.port(), Map.of()), settings);
    markers = sshd.newTempDirectory("markers");
  }

  @AfterAll
  static void stopServer() {
    if (runner != null) {
      runner.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  /** Returns values that each try to create a file in the marker directory in another way. */
  private static List<String> hostileSuffixes() {
    String m = markers.toString();
    return List.of(
        "; touch " + m + "/semicolon",
        "$(touch " + m + "/dollar)",
        "`touch " + m + "/backquote`",
        "'; touch " + m + "/quote; '",
        "\\'; touch " + m + "/backslash_quote; #",
        "\"; touch " + m + "/double_quote; \"",
        "\ntouch " + m + "/newline\n",
        " > " + m + "/redirect",
        " | touch " + m + "/pipe",
        " & touch " + m + "/background &",
        "${IFS}; touch${IFS}" + m + "/ifs",
        "*",
        " -exec touch " + m + "/find_exec {} ;");
  }

  private static List<String> hostilePaths(String base) {
    List<String> paths = new ArrayList<>();
    for (String suffix : hostileSuffixes()) {
      paths.add(base + suffix);
    }
    paths.add("-" + base);
    paths.add("--help");
    return paths;
  }

  private static List<String> markersCreated() throws IOException {
    try (Stream<Path> files = Files.list(markers)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static void collectIgnoringFailure(HostCheck check) {
    try {
      check.collect(runner);
    } catch (CheckFailure expected) {
      // Most hostile paths do not exist; only the markers matter here.
    }
  }

  @Test
  void filesystemPathsRunNothing() throws Exception {
    collectIgnoringFailure(new FilesystemCheck(hostilePaths(sshd.hostRoot() + "/df"), INTERVAL));

    assertThat(markersCreated()).isEmpty();
  }

  @Test
  void certificateFilesRunNothing() throws Exception {
    collectIgnoringFailure(
        new CertificateFilesCheck(hostilePaths(sshd.hostRoot() + "/cert"), INTERVAL));

    assertThat(markersCreated()).isEmpty();
  }

  @Test
  void systemdUnitsRunNothing() throws Exception {
    collectIgnoringFailure(new SystemdUnitsCheck(hostilePaths("nginx.service"), INTERVAL));

    assertThat(markersCreated()).isEmpty();
  }

  @Test
  void journalSourcesRunNothing() throws Exception {
    for (String value : hostilePaths(sshd.hostRoot() + "/journal")) {
      collectIgnoringFailure(new JournalCheck(journal(List.of(), value, null)));
      collectIgnoringFailure(new JournalCheck(journal(List.of(), null, value)));
      collectIgnoringFailure(new JournalCheck(journal(List.of(value), null, null)));
    }

    assertThat(markersCreated()).isEmpty();
  }

  @Test
  void backupDirectoriesRunNothing() throws Exception {
    List<BackupTier> tiers = List.of(tier("*"));
    for (String directory : hostilePaths(sshd.hostRoot() + "/backups")) {
      collectIgnoringFailure(new BackupsCheck(directory, tiers, INTERVAL, Clock.systemUTC()));
      collectIgnoringFailure(
          new BackupIntegrityCheck(directory, tiers, INTERVAL, Clock.systemUTC()));
    }

    assertThat(markersCreated()).isEmpty();
  }

  @Test
  void hostileArchiveNamesRunNothing() throws Exception {
    List<String> suffixes = hostileSuffixes();
    for (int i = 0; i < suffixes.size(); i++) {
      String name = "tier" + i + "/archive" + suffixes.get(i).replace('/', '_') + ".tar.gz";
      sshd.writeFile("archives/" + name, "not a tar archive");
    }
    List<BackupTier> tiers = new ArrayList<>();
    for (int i = 0; i < suffixes.size(); i++) {
      tiers.add(tier("tier" + i + "/*"));
    }
    String directory = sshd.hostRoot().resolve("archives").toString();

    collectIgnoringFailure(new BackupsCheck(directory, tiers, INTERVAL, Clock.systemUTC()));
    List<Sample> samples =
        new BackupIntegrityCheck(directory, tiers, INTERVAL, Clock.systemUTC()).collect(runner);

    assertThat(markersCreated()).isEmpty();
    assertThat(samples).hasSize(suffixes.size());
    assertThat(samples).allSatisfy(sample -> assertThat(sample.value()).isZero());
  }

  private static BackupTier tier(String pattern) {
    return new BackupTier("t" + Math.abs(pattern.hashCode()), pattern, 1, PromDuration.parse("1d"));
  }

  private static Journal journal(List<String> units, String directory, String file) {
    return new Journal(units, directory, file, 10, List.of("CRITICAL"), Map.of(),
        "Failed password", 5, PromDuration.parse("10m"), PromDuration.parse("20s"));
  }
}
