package dev.opsbook.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.Problem;
import dev.opsbook.spec.SpecException;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExporterCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static final CheckProvider ONE_CHECK =
      new CheckProvider() {
        @Override
        public List<HostCheck> hostChecks(Spec spec, Host host) {
          return List.of(
              new StubChecks.ScriptedHostCheck(
                  MetricNames.CHECK_HOST,
                  Duration.ofSeconds(30),
                  StubChecks.returning(
                      Sample.gauge(MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, Map.of(), 1.7e9))));
        }

        @Override
        public List<EndpointCheck> endpointChecks(Spec spec) {
          return List.of(
              StubChecks.endpoint(
                  MetricNames.CHECK_TLS,
                  "api.example.com:443",
                  Duration.ofHours(1),
                  () -> List.of(Sample.gauge(MetricNames.TLS_VERIFIED, Map.of(), 1))));
        }
      };

  private ExporterCommand command(ExporterCommand.SpecSource specSource) {
    return new ExporterCommand(
        specSource, Wiring.runnerFactories(), ONE_CHECK, Clock.systemUTC());
  }

  private int run(ExporterCommand command, String... args) {
    CommandLine commandLine = ExporterCommand.commandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private int run(String... args) {
    return run(command(file -> TestSpecs.withHosts()), args);
  }

  @Test
  void helpListsEveryOption() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString())
        .contains("--spec", "--local", "--listen", "--known-hosts", "--accept-new-host-keys")
        .contains("--identity", "--passphrase-env", "--passphrase-file", "--workers", "--once")
        .contains("--check-timeout", "--log-level", "--version", ":9469");
  }

  @Test
  void helpListsSignalExitStatuses() {
    assertThat(run("--help")).isZero();

    // After a signal the JVM runs the shutdown hook, then exits with 128 + the signal number.
    assertThat(out.toString()).contains("130   stopped cleanly by SIGINT");
    assertThat(out.toString()).contains("143   stopped cleanly by SIGTERM");
  }

  @Test
  void helpListsIpv6ListenForm() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString()).contains("[IPV6]:PORT");
  }

  @Test
  void helpListsSshKeyExitStatus() {
    assertThat(run("--help")).isZero();

    // Keys are loaded before serving, and a key that cannot be used exits with 2.
    assertThat(out.toString()).contains("2     invalid command line, spec or SSH key");
  }

  @Test
  void versionPrintsName() {
    assertThat(run("--version")).isZero();

    assertThat(out.toString()).startsWith("opsbook exporter ");
  }

  @Test
  void onceWithoutHostsChecksLocalMachine() {
    assertThat(run("--once", "--log-level", "warn")).isZero();

    assertThat(out.toString())
        .contains("opsbook_host_boot_timestamp_seconds{host=\"local\"} 1.7E9")
        .contains("opsbook_host_up{host=\"local\"} 1.0")
        .contains("opsbook_tls_verified{host=\"exporter\"} 1.0");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void localFlagIgnoresSpecHosts() {
    ExporterCommand command =
        command(file -> TestSpecs.withHosts(TestSpecs.remote("web-1", Map.of())));

    assertThat(run(command, "--once", "--local")).isZero();

    assertThat(out.toString())
        .contains("host=\"local\"")
        .doesNotContain("web-1")
        .doesNotContain("api.example.com");
  }

  @Test
  void specErrorsPrintProblemsWithoutStackTrace() {
    ExporterCommand command =
        command(
            file -> {
              throw new SpecException(
                  List.of(
                      new Problem(file.toString(), 3, 5, "hosts[0].port", "must be 1 to 65535"),
                      new Problem(file.toString(), 9, 1, "slos", "must not be empty")));
            });

    assertThat(run(command, "--spec", "broken.yaml", "--once")).isEqualTo(2);

    assertThat(err.toString())
        .contains("broken.yaml:3:5: hosts[0].port: must be 1 to 65535")
        .contains("broken.yaml:9:1: slos: must not be empty")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void invalidListenAddressIsUsageError() {
    assertThat(run("--listen", "localhost")).isEqualTo(2);

    assertThat(err.toString()).contains("invalid listen address \"localhost\"");
  }

  @Test
  void listenAddressWithSpaceIsUsageError() {
    for (String value : List.of(" :80", ":80 ", "127.0.0.1 :80", "bad host:80")) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);

      int exit = run("--listen", value, "--once");

      assertThat(exit).as("exit status for \"%s\"", value).isEqualTo(2);
      assertThat(err.toString())
          .as("message for \"%s\"", value)
          .startsWith("error: invalid listen address \"" + value + "\": ")
          .contains("; use HOST:PORT or :PORT");
      assertThat(out.toString()).as("output for \"%s\"", value).isEmpty();
    }
  }

  @Test
  void optionErrorPrintsOneLineNotUsage() {
    assertThat(run("--passphrase-env", "A", "--passphrase-file", "B")).isEqualTo(2);

    assertThat(err.toString()).startsWith("error: --passphrase-env=NAME, --passphrase-file=FILE");
    assertThat(err.toString()).contains("Run 'exporter --help' for the options.");
    assertThat(err.toString()).doesNotContain("Usage:");
  }

  @Test
  void invalidDurationNamesValue() {
    assertThat(run("--check-timeout", "soon", "--once")).isEqualTo(2);

    assertThat(err.toString()).contains("invalid duration \"soon\"");
  }

  @Test
  void missingPassphraseVariableIsUsageError(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("id_ed25519"), "not a key\n");
    ExporterCommand command =
        command(file -> TestSpecs.withHosts(TestSpecs.remote("web-1", Map.of())));

    int exit =
        run(
            command,
            "--identity", key.toString(),
            "--passphrase-env", "OPSBOOK_TEST_SURELY_UNSET",
            "--once");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("OPSBOOK_TEST_SURELY_UNSET").contains("not set");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void bothPassphraseSourcesAreRejected(@TempDir Path dir) {
    assertThat(
            run(
                "--passphrase-env", "HOME",
                "--passphrase-file", dir.resolve("p").toString(),
                "--once"))
        .isEqualTo(2);

    assertThat(err.toString()).contains("mutually exclusive");
  }

  @Test
  void missingIdentityFileIsUsageError(@TempDir Path dir) {
    Path missing = dir.resolve("id_ed25519");
    ExporterCommand command =
        command(file -> TestSpecs.withHosts(TestSpecs.remote("web-1", Map.of())));

    assertThat(run(command, "--identity", missing.toString(), "--once")).isEqualTo(2);

    assertThat(err.toString()).contains(missing.toString()).contains("missing or not readable");
  }

  @Test
  void encryptedKeyWithoutPassphraseNamesOptions(@TempDir Path dir) throws Exception {
    // ssh-keygen -m: RFC4716 writes the OpenSSH format, PEM and PKCS8 the older formats.
    for (String format : List.of("RFC4716", "PEM", "PKCS8")) {
      Path key = dir.resolve("id_" + format);
      encryptedKey(key, format);
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      ExporterCommand command =
          command(file -> TestSpecs.withHosts(TestSpecs.remote("web-1", Map.of())));

      int exit = run(command, "--identity", key.toString(), "--once");

      assertThat(exit).as("exit status for format %s", format).isEqualTo(2);
      assertThat(err.toString())
          .as("message for format %s", format)
          .isEqualTo("error: SSH identity file " + key + " is encrypted and no passphrase is"
              + " set; give --passphrase-env NAME or --passphrase-file FILE"
              + System.lineSeparator());
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void invalidLogLevelIsUsageError() {
    assertThat(run("--log-level", "loud", "--once")).isEqualTo(2);

    assertThat(err.toString()).contains("invalid --log-level \"loud\"");
  }

  @Test
  void serveStopsWhenStopped() throws Exception {
    ExporterCommand command = command(file -> TestSpecs.withHosts());
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> run(command, "--listen", "127.0.0.1:0"));
    assertThat(Await.until(() -> command.runningExporter() != null, Duration.ofSeconds(10)))
        .isTrue();
    int port = command.runningExporter().address().port();

    HttpResponse<String> health = get(port, "/healthz");
    command.stop();

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(exit.get(15, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void sigtermStopsProcessWithinBound(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // stderr goes to a file: Process.destroy() closes the pipes, so a pipe would lose the end.
    Path log = dir.resolve("stderr.log");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StubSpecMain.class.getName(),
                "--listen",
                "127.0.0.1:0")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(log.toFile())
            .start();
    try {
      int port = awaitPort(log);
      assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

      process.destroy();

      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    } finally {
      process.destroyForcibly();
    }
    // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited because of the signal.
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(Files.readString(log))
        .contains("stopping the exporter")
        .contains("scheduler stopped")
        .contains("exporter stopped in");
  }

  /** Writes an ECDSA private key encrypted with a passphrase, in an ssh-keygen format. */
  private static void encryptedKey(Path key, String format) throws Exception {
    Process keygen =
        new ProcessBuilder(
                "/usr/bin/ssh-keygen", "-q", "-t", "ecdsa", "-m", format, "-N", "secret phrase",
                "-C", "opsbook-test", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    keygen.getOutputStream().close();
    assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).as("ssh-keygen exits in time").isTrue();
    assertThat(keygen.exitValue())
        .as("ssh-keygen output: %s", new String(keygen.getInputStream().readAllBytes()))
        .isZero();
  }

  /** Waits up to 20 s for the HTTP server's start line in the log and returns its port. */
  private static int awaitPort(Path log) throws Exception {
    Pattern listening = Pattern.compile("HTTP server listening on 127\\.0\\.0\\.1:(\\d+)");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      Matcher matcher = listening.matcher(Files.readString(log));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the exporter did not log its port:\n" + Files.readString(log));
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
