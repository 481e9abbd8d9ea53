package dev.opsbook.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.testing.Sshd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the production command line against a real OpenSSH server on 127.0.0.1. */
class ExporterSshTest {

  @TempDir Path dir;
  private Sshd sshd;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    sshd = Sshd.start();
  }

  @AfterEach
  void tearDown() {
    sshd.close();
  }

  private Path spec() throws Exception {
    String text =
        """
        version: 1
        service: ssh-test
        runbook_url: https://runbooks.example.com/ssh-test
        hosts:
          - name: sshd-host
            address: %s
            port: %d
            user: %s
            labels: {env: test}
        checks:
          disk:
            paths: [/]
            warning_percent: 80
            critical_percent: 90
          uptime:
            min_uptime: 1h
        """
            .formatted(sshd.host(), sshd.port(), sshd.user());
    return Files.writeString(dir.resolve("slo-spec.yaml"), text);
  }

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  /** Runs the command, capturing the log, which logback writes to the current System.err. */
  private int run(String... args) {
    CommandLine commandLine = ExporterCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    PrintStream original = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      return commandLine.execute(args);
    } finally {
      System.setErr(original);
    }
  }

  private String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onceOverSshServesHostMetrics() throws Exception {
    Path knownHosts = sshd.writeKnownHosts(dir.resolve("known_hosts"));

    int exit =
        run(
            "--spec", spec().toString(),
            "--known-hosts", knownHosts.toString(),
            "--identity", sshd.clientKey().toString(),
            "--once", "--log-level", "error");

    assertThat(exit).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text)
        .contains("opsbook_check_success{check=\"filesystem\",env=\"test\",host=\"sshd-host\"} 1.0");
    assertThat(text)
        .contains("opsbook_check_success{check=\"host\",env=\"test\",host=\"sshd-host\"} 1.0");
    assertThat(text).contains("opsbook_host_up{env=\"test\",host=\"sshd-host\"} 1.0");
    assertThat(text).containsPattern("opsbook_filesystem_size_bytes\\{[^}]*host=\"sshd-host\"");
  }

  @Test
  void encryptedKeyWithPassphraseFileLogsIn() throws Exception {
    Path knownHosts = sshd.writeKnownHosts(dir.resolve("known_hosts"));
    Path key = sshd.newAuthorizedKey("ed25519", "correct horse");
    Path passphrase = Files.writeString(dir.resolve("passphrase"), "correct horse\n");

    int exit =
        run(
            "--spec", spec().toString(),
            "--known-hosts", knownHosts.toString(),
            "--identity", key.toString(),
            "--passphrase-file", passphrase.toString(),
            "--once");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("opsbook_host_up{env=\"test\",host=\"sshd-host\"} 1.0");
    assertThat(log()).contains("exporter configured").doesNotContain("correct horse");
    assertThat(log()).contains("exporter configured: hosts=1 (sshd-host), checks=");
  }

  @Test
  void unknownHostKeyMarksHostDown() throws Exception {
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");

    int exit =
        run(
            "--spec", spec().toString(),
            "--known-hosts", knownHosts.toString(),
            "--identity", sshd.clientKey().toString(),
            "--once");

    assertThat(exit).isZero();
    String text = out.toString();
    assertThat(text)
        .contains(
            "opsbook_check_failure_info{check=\"filesystem\",env=\"test\",host=\"sshd-host\","
                + "reason=\"host_key_unknown\"} 1.0");
    assertThat(text).contains("opsbook_host_up{env=\"test\",host=\"sshd-host\"} 0.0");
    assertThat(log())
        .contains("check failed: host=sshd-host check=filesystem reason=host_key_unknown")
        .contains(sshd.hostKeyFingerprint());
    assertThat(Files.readString(knownHosts)).isEmpty();
  }

  @Test
  void acceptNewHostKeysRecordsKey() throws Exception {
    Path knownHosts = dir.resolve("known_hosts");

    int exit =
        run(
            "--spec", spec().toString(),
            "--known-hosts", knownHosts.toString(),
            "--accept-new-host-keys",
            "--identity", sshd.clientKey().toString(),
            "--once", "--log-level", "error");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("opsbook_host_up{env=\"test\",host=\"sshd-host\"} 1.0");
    assertThat(Files.readString(knownHosts)).contains(sshd.hostPublicKey().split(" ")[1]);
  }
}
