package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.exporter.testing.SshAgentProcess;
import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Client authentication against a real sshd: key types, passphrases, ssh-agent, rejection. */
class SshAuthTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String PASSPHRASE = "correct horse 'battery' $staple";

  private static Sshd sshd;
  private static SshSettings base;

  @BeforeAll
  static void startServer() throws Exception {
    sshd = Sshd.start();
    base = TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"));
  }

  @AfterAll
  static void stopServer() {
    sshd.close();
  }

  @Test
  void rsaAndEcdsaKeysAuthenticate() throws Exception {
    for (String type : List.of("rsa", "ecdsa", "ed25519")) {
      Path key = sshd.newAuthorizedKey(type, "");

      try (SshRunner runner = TestSsh.runner(sshd, base.withIdentities(List.of(key)))) {
        assertThat(runner.run("echo " + type, TIMEOUT).stdoutText())
            .as("output with a %s key", type)
            .isEqualTo(type + "\n");
      }
    }
  }

  @Test
  void wrongKeyFailsWithAuthFailed() throws Exception {
    Path key = sshd.newUnauthorizedKey("ed25519", "");

    try (SshRunner runner = TestSsh.runner(sshd, base.withIdentities(List.of(key)))) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.AUTH_FAILED);
      assertThat(error.getMessage())
          .contains("127.0.0.1:" + sshd.port())
          .contains("user " + sshd.user());
    }
  }

  @Test
  void secondKeyIsTriedAfterRejectedFirst() throws Exception {
    Path wrong = sshd.newUnauthorizedKey("ed25519", "");

    SshSettings settings = base.withIdentities(List.of(wrong, sshd.clientKey()));
    try (SshRunner runner = TestSsh.runner(sshd, settings)) {
      assertThat(runner.run("echo ok", TIMEOUT).stdoutText()).isEqualTo("ok\n");
    }
  }

  @Test
  void wrongUserFailsWithAuthFailed() throws Exception {
    Host host = new Host("nobody-host", sshd.host(), "nobody", sshd.port(), Map.of());

    try (SshRunner runner = TestSsh.runner(host, base)) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.AUTH_FAILED);
      assertThat(error.getMessage()).contains("nobody-host (127.0.0.1:" + sshd.port() + ")");
    }
  }

  @Test
  void passphraseFromEnvironmentVariable() throws Exception {
    Path key = sshd.newAuthorizedKey("ed25519", PASSPHRASE);
    SshSettings settings = base.withIdentities(List.of(key)).withPassphraseEnv("OPSBOOK_KEY_PW");
    Map<String, String> environment = Map.of("OPSBOOK_KEY_PW", PASSPHRASE);

    SshIdentities identities = SshIdentities.load(settings, environment::get);

    try (SshRunner runner = TestSsh.runner(TestSsh.host(sshd), settings, identities)) {
      assertThat(runner.run("echo env", TIMEOUT).stdoutText()).isEqualTo("env\n");
    }
  }

  @Test
  void passphraseFromFile() throws Exception {
    Path key = sshd.newAuthorizedKey("rsa", PASSPHRASE);
    Path file = sshd.newTempDirectory("pw").resolve("passphrase");
    Files.writeString(file, PASSPHRASE + "\n");
    SshSettings settings = base.withIdentities(List.of(key)).withPassphraseFile(file);

    try (SshRunner runner = TestSsh.runner(sshd, settings)) {
      assertThat(runner.run("echo file", TIMEOUT).stdoutText()).isEqualTo("file\n");
    }
  }

  @Test
  void wrongPassphraseIsConfigErrorWithoutSecret() throws Exception {
    Path key = sshd.newAuthorizedKey("ed25519", PASSPHRASE);
    Path file = sshd.newTempDirectory("pw").resolve("passphrase");
    Files.writeString(file, "not-the-passphrase\n");
    SshSettings settings = base.withIdentities(List.of(key)).withPassphraseFile(file);

    SshConfigException error = catchThrowableOfType(SshConfigException.class,
        () -> SshIdentities.load(settings));

    assertThat(error.getMessage()).contains(key.toString()).contains(file.toString())
        .doesNotContain("not-the-passphrase");
  }

  @Test
  void encryptedKeyWithoutPassphraseIsConfigError() throws Exception {
    Path key = sshd.newAuthorizedKey("ed25519", PASSPHRASE);

    SshConfigException error = catchThrowableOfType(SshConfigException.class,
        () -> SshIdentities.load(base.withIdentities(List.of(key))));

    assertThat(error.getMessage()).isEqualTo("SSH identity file " + key
        + " is encrypted and no passphrase is set; give --passphrase-env NAME or"
        + " --passphrase-file FILE");
  }

  @Test
  void encryptedPemHeaderIsDetected() throws Exception {
    Path dir = sshd.newTempDirectory("pem");
    Path encrypted = Files.writeString(dir.resolve("encrypted"),
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            + "DEK-Info: AES-128-CBC,C7971B9C58F9EEF64EBFC8CA77320A7E\n\nAAAA\n"
            + "-----END RSA PRIVATE KEY-----\n");
    Path plain = Files.writeString(dir.resolve("plain"),
        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    assertThat(SshIdentities.isEncryptedPem(encrypted)).isTrue();
    assertThat(SshIdentities.isEncryptedPem(plain)).isFalse();
    assertThat(SshIdentities.isEncryptedPem(sshd.clientKey())).isFalse();
  }

  @Test
  void unsetPassphraseVariableIsConfigError() throws Exception {
    SshSettings settings = base.withPassphraseEnv("OPSBOOK_UNSET_VARIABLE");

    SshConfigException error = catchThrowableOfType(SshConfigException.class,
        () -> SshIdentities.load(settings, name -> null));

    assertThat(error.getMessage())
        .isEqualTo("passphrase environment variable OPSBOOK_UNSET_VARIABLE is not set");
  }

  @Test
  void fifoKeyFileIsConfigError() throws Exception {
    Path fifo = sshd.newTempDirectory("fifo").resolve("id_ed25519");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();

    SshConfigException error = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> catchThrowableOfType(SshConfigException.class,
            () -> SshIdentities.load(base.withIdentities(List.of(fifo)))));

    assertThat(error.getMessage()).contains(fifo.toString()).contains("not a regular file");
  }

  @Test
  void missingKeyFileIsConfigError() throws Exception {
    Path missing = sshd.hostRoot().resolve("no-such-key");

    SshConfigException error = catchThrowableOfType(SshConfigException.class,
        () -> SshIdentities.load(base.withIdentities(List.of(missing))));

    assertThat(error.getMessage()).contains(missing.toString()).contains("missing");
  }

  @Test
  void agentKeysAuthenticate() throws Exception {
    for (String type : List.of("ed25519", "rsa")) {
      Path key = sshd.newAuthorizedKey(type, "");
      try (SshAgentProcess agent = SshAgentProcess.start(sshd.newTempDirectory("agent"))) {
        agent.add(sshd.newUnauthorizedKey("ecdsa", ""));
        agent.add(key);
        SshSettings settings = base.withIdentities(List.of()).withAgent(agent.socket());

        try (SshRunner runner = TestSsh.runner(sshd, settings)) {
          assertThat(runner.run("echo agent", TIMEOUT).stdoutText())
              .as("output with a %s key in the agent", type)
              .isEqualTo("agent\n");
        }
      }
    }
  }

  @Test
  void emptyAgentFailsWithAuthFailed() throws Exception {
    try (SshAgentProcess agent = SshAgentProcess.start(sshd.newTempDirectory("agent"))) {
      SshSettings settings = base.withIdentities(List.of()).withAgent(agent.socket());

      try (SshRunner runner = TestSsh.runner(sshd, settings)) {
        CommandException error = catchThrowableOfType(CommandException.class,
            () -> runner.run("true", TIMEOUT));

        assertThat(error.reason()).isEqualTo(Reason.AUTH_FAILED);
      }
    }
  }

  @Test
  void noKeyAtAllIsConfigError() {
    SshConfigException error = catchThrowableOfType(SshConfigException.class,
        () -> SshIdentities.load(base.withIdentities(List.of())));

    assertThat(error.getMessage()).contains("no SSH key configured");
  }
}
