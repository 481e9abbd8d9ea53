package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.exporter.runner.SshSettings.HostKeyPolicy;
import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Host;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host-key verification against a real sshd whose key the test controls. */
class SshHostKeyTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Sshd sshd;
  private Path knownHosts;

  @BeforeEach
  void startServer() throws Exception {
    sshd = Sshd.start();
    knownHosts = sshd.newTempDirectory("kh").resolve("known_hosts");
  }

  @AfterEach
  void stopServer() {
    sshd.close();
  }

  @Test
  void unknownKeyIsRejectedWithFingerprint() throws Exception {
    Files.writeString(knownHosts, "# no entries\n");
    SshSettings settings = settings(HostKeyPolicy.STRICT);

    try (SshRunner runner = TestSsh.runner(sshd, settings)) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
      assertThat(error.getMessage())
          .contains("127.0.0.1:" + sshd.port())
          .contains(sshd.hostKeyType())
          .contains(sshd.hostKeyFingerprint())
          .contains(knownHosts.toString());
    }
    assertThat(Files.readString(knownHosts)).isEqualTo("# no entries\n");
    assertThat(sshd.acceptedLogins()).isZero();
  }

  @Test
  void missingKnownHostsFileRejectsUnderStrict() throws Exception {
    SshSettings settings = settings(HostKeyPolicy.STRICT);

    try (SshRunner runner = TestSsh.runner(sshd, settings)) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
    }
    assertThat(knownHosts).doesNotExist();
  }

  @Test
  void keyOfOtherHostNameIsUnknown() throws Exception {
    String[] key = sshd.hostPublicKey().split(" ");
    Files.writeString(knownHosts, "[127.0.0.1]:1 " + key[0] + " " + key[1] + "\n");

    try (SshRunner runner = TestSsh.runner(sshd, settings(HostKeyPolicy.STRICT))) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
    }
  }

  @Test
  void knownKeyWithPortIsAccepted() throws Exception {
    sshd.writeKnownHosts(knownHosts);

    try (SshRunner runner = TestSsh.runner(sshd, settings(HostKeyPolicy.STRICT))) {
      assertThat(runner.run("echo ok", TIMEOUT).stdoutText()).isEqualTo("ok\n");
    }
  }

  @Test
  void hashedKnownHostsEntryIsAccepted() throws Exception {
    sshd.writeKnownHosts(knownHosts);
    sshd.hashKnownHosts(knownHosts);
    assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");

    try (SshRunner runner = TestSsh.runner(sshd, settings(HostKeyPolicy.STRICT))) {
      assertThat(runner.run("echo ok", TIMEOUT).stdoutText()).isEqualTo("ok\n");
    }
  }

  @Test
  void changedKeyIsRejectedUnderAcceptNew() throws Exception {
    sshd.writeKnownHosts(knownHosts);
    String before = Files.readString(knownHosts);
    sshd.restartWithOtherHostKey();

    try (SshRunner runner = TestSsh.runner(sshd, settings(HostKeyPolicy.ACCEPT_NEW))) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.HOST_KEY_CHANGED);
      assertThat(error.getMessage())
          .contains("127.0.0.1:" + sshd.port())
          .contains(sshd.hostKeyType())
          .contains(sshd.hostKeyFingerprint())
          .contains("ssh-keygen -R");
    }
    assertThat(Files.readString(knownHosts)).isEqualTo(before);
    assertThat(sshd.acceptedLogins()).isZero();
  }

  @Test
  void changedKeyIsRejectedForHashedEntry() throws Exception {
    sshd.writeKnownHosts(knownHosts);
    sshd.hashKnownHosts(knownHosts);
    sshd.restartWithOtherHostKey();

    try (SshRunner runner = TestSsh.runner(sshd, settings(HostKeyPolicy.STRICT))) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.HOST_KEY_CHANGED);
    }
  }

  @Test
  void acceptNewAppendsKeyAndThenVerifiesIt() throws Exception {
    Files.writeString(knownHosts, "other.example ssh-ed25519 "
        + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
    SshSettings settings = settings(HostKeyPolicy.ACCEPT_NEW);

    try (SshRunner runner = TestSsh.runner(sshd, settings)) {
      assertThat(runner.run("echo first", TIMEOUT).stdoutText()).isEqualTo("first\n");
    }

    String content = Files.readString(knownHosts, StandardCharsets.UTF_8);
    assertThat(content).endsWith(sshd.knownHostsLine() + "\n");
    assertThat(content.lines().count()).isEqualTo(2);
    // A strict runner now trusts the appended key, and a second accept-new run adds nothing.
    try (SshRunner strict = TestSsh.runner(sshd, settings(HostKeyPolicy.STRICT))) {
      assertThat(strict.run("echo second", TIMEOUT).stdoutText()).isEqualTo("second\n");
    }
    try (SshRunner again = TestSsh.runner(sshd, settings)) {
      again.run("true", TIMEOUT);
    }
    assertThat(Files.readString(knownHosts, StandardCharsets.UTF_8)).isEqualTo(content);
  }

  @Test
  void acceptNewCreatesMissingFile() throws Exception {
    Path nested = knownHosts.resolveSibling("new-dir").resolve("known_hosts");
    SshSettings settings = settings(HostKeyPolicy.ACCEPT_NEW)
        .withKnownHosts(nested, HostKeyPolicy.ACCEPT_NEW);

    try (SshRunner runner = TestSsh.runner(sshd, settings)) {
      runner.run("true", TIMEOUT);
    }

    assertThat(Files.readString(nested)).isEqualTo(sshd.knownHostsLine() + "\n");
  }

  @Test
  void hostNameIsMatchedCaseInsensitively() throws Exception {
    Files.writeString(knownHosts, sshd.knownHostsLine().replace("127.0.0.1", "localhost") + "\n");
    Host host = new Host("upper", "LOCALHOST", sshd.user(), sshd.port(), Map.of());

    try (SshRunner runner = TestSsh.runner(host, settings(HostKeyPolicy.STRICT))) {
      assertThat(runner.run("echo ok", TIMEOUT).stdoutText()).isEqualTo("ok\n");
    }
  }

  private SshSettings settings(HostKeyPolicy policy) {
    return SshSettings.defaults()
        .withKnownHosts(knownHosts, policy)
        .withIdentities(java.util.List.of(sshd.clientKey()))
        .withConnectTimeout(Duration.ofSeconds(5));
  }
}
