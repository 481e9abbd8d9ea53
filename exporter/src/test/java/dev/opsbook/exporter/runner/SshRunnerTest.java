package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.exporter.testing.Sshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SshRunner against a real OpenSSH sshd on 127.0.0.1. */
class SshRunnerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static Sshd sshd;
  private static SshRunner runner;

  @BeforeAll
  static void startServer() throws Exception {
    sshd = Sshd.start();
    SshSettings settings = TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known"))
        .withMaxOutputBytes(1024 * 1024);
    runner = TestSsh.runner(sshd, settings);
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

  @Test
  void runReturnsStdoutStderrAndStatus() throws Exception {
    CommandResult result = runner.run("echo out; echo err >&2; exit 0", TIMEOUT);

    assertThat(result.exitStatus()).isZero();
    assertThat(result.stdoutText()).isEqualTo("out\n");
    assertThat(result.stderrText()).isEqualTo("err\n");
  }

  @Test
  void nonZeroExitIsReturnedNotThrown() throws Exception {
    CommandResult result = runner.run("echo failing >&2; exit 3", TIMEOUT);

    assertThat(result.exitStatus()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.stderrText()).isEqualTo("failing\n");
  }

  @Test
  void commandRunsUnderShWithCLocale() throws Exception {
    CommandResult result = runner.run("echo \"$LC_ALL\"; readlink /proc/$$/exe", TIMEOUT);

    List<String> lines = result.stdoutText().lines().toList();
    assertThat(lines.get(0)).isEqualTo("C");
    assertThat(lines.get(1)).isIn("/usr/bin/dash", "/bin/dash", "/usr/bin/bash", "/bin/bash");
  }

  @Test
  void fiftyCommandsShareOneConnection() throws Exception {
    int loginsBefore = sshd.acceptedLogins();
    int opensBefore = runner.connectionsOpened();

    for (int i = 0; i < 50; i++) {
      CommandResult result = runner.run("echo " + i, TIMEOUT);
      assertThat(result.stdoutText()).isEqualTo(i + "\n");
    }

    int expectedNew = opensBefore == 0 ? 1 : 0;
    assertThat(runner.connectionsOpened() - opensBefore).isEqualTo(expectedNew);
    assertThat(sshd.acceptedLogins() - loginsBefore).isEqualTo(expectedNew);
  }

  @Test
  void concurrentCommandsRunOnSessionsOfOneConnection() throws Exception {
    runner.run("true", TIMEOUT);
    int opensBefore = runner.connectionsOpened();
    Path marker = sshd.newTempDirectory("concurrent");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<CommandResult>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String file = ShellQuote.quote(marker.resolve("started-" + i).toString());
        // Each command waits until 4 commands are running, which proves they overlap.
        String command = "touch " + file + "; n=0; while [ \"$(ls " + ShellQuote.quote(
            marker.toString()) + " | wc -l)\" -lt 4 ] && [ $n -lt 100 ]; do sleep 0.05;"
            + " n=$((n+1)); done; echo $n";
        Callable<CommandResult> task = () -> runner.run(command, TIMEOUT);
        futures.add(pool.submit(task));
      }
      for (Future<CommandResult> future : futures) {
        CommandResult result = future.get(30, TimeUnit.SECONDS);
        assertThat(result.exitStatus()).isZero();
        assertThat(Integer.parseInt(result.stdoutText().trim())).isLessThan(100);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(runner.connectionsOpened()).isEqualTo(opensBefore);
  }

  @Test
  void timeoutKillsCommandAndKeepsConnection() throws Exception {
    runner.run("true", TIMEOUT);
    int opensBefore = runner.connectionsOpened();
    // Check that sleepRunning() can see a sleep at all, so its final check can fail.
    Process probe = new ProcessBuilder("sleep", "31").start();
    try {
      assertThat(sleepRunning()).as("local sleep 31 visible").isTrue();
    } finally {
      probe.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    long start = System.nanoTime();

    CommandException error = catchThrowableOfType(CommandException.class,
        () -> runner.run("sleep 31", Duration.ofSeconds(1)));

    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(error.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(error.getMessage()).contains("timed out after 1000 ms")
        .contains(sshd.host() + ":" + sshd.port());
    assertThat(elapsedMillis).isLessThan(15_000);
    assertThat(runner.run("echo still-here", TIMEOUT).stdoutText()).isEqualTo("still-here\n");
    assertThat(runner.connectionsOpened()).isEqualTo(opensBefore);
    // sshd runs on this machine, so the killed command must vanish from the process table.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sleepRunning() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(sleepRunning()).as("sleep 31 still running").isFalse();
  }

  @Test
  void remoteCommandLineQuotesAndSetsLocale() {
    assertThat(SshRunner.remoteCommandLine("echo 'x'", Duration.ofMillis(1500), false))
        .isEqualTo("env LC_ALL=C sh -c 'echo '\\''x'\\'''");
    assertThat(SshRunner.remoteCommandLine("echo 'x'", Duration.ofMillis(1500), true))
        .isEqualTo("env LC_ALL=C timeout -s KILL 3 sh -c 'echo '\\''x'\\'''");
  }

  private static boolean sleepRunning() {
    return ProcessHandle.allProcesses()
        .map(process -> process.info().commandLine().orElse(""))
        .anyMatch(line -> line.equals("sleep 31") || line.endsWith("/sleep 31"));
  }

  @Test
  void outputOverCapFails() throws Exception {
    CommandException error = catchThrowableOfType(CommandException.class,
        () -> runner.run("head -c 10000000 /dev/zero", TIMEOUT));

    assertThat(error.reason()).isEqualTo(Reason.OUTPUT_TOO_LARGE);
    assertThat(error.getMessage()).contains("exceeded 1048576 bytes");
    assertThat(runner.run("echo after", TIMEOUT).stdoutText()).isEqualTo("after\n");
  }

  @Test
  void stderrOverCapFails() throws Exception {
    CommandException error = catchThrowableOfType(CommandException.class,
        () -> runner.run("head -c 2000000 /dev/zero >&2", TIMEOUT));

    assertThat(error.reason()).isEqualTo(Reason.OUTPUT_TOO_LARGE);
  }

  @Test
  void endlessStderrFailsAtCap() throws Exception {
    long start = System.nanoTime();

    CommandException error = catchThrowableOfType(CommandException.class,
        () -> runner.run("cat /dev/zero >&2", TIMEOUT));

    assertThat(error.reason()).isEqualTo(Reason.OUTPUT_TOO_LARGE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
    assertThat(runner.run("echo after", TIMEOUT).stdoutText()).isEqualTo("after\n");
  }

  @Test
  void outputAtCapIsReturned() throws Exception {
    CommandResult result = runner.run("head -c 1048576 /dev/zero", TIMEOUT);

    assertThat(result.stdout()).hasSize(1024 * 1024);
  }

  @Test
  void nonUtf8BytesArePreserved() throws Exception {
    byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80, 'a', (byte) 0xc3};
    Path file = sshd.writeFile("binary.dat", bytes);

    CommandResult result = runner.run("cat " + ShellQuote.quote(file.toString()), TIMEOUT);

    assertThat(result.stdout()).containsExactly(bytes);
  }

  @Test
  void quotedDirectoryNameRunsNothing() throws Exception {
    String markerName = "pwned-" + UUID.randomUUID();
    Path marker = Path.of("/tmp", markerName);
    List<String> names = List.of(
        "x; touch " + marker,
        "it's here",
        "$(touch " + marker + ")",
        "`touch " + marker + "`",
        "line1\nline2; touch " + marker,
        "  spaced  name  ",
        "-rf",
        "\"double\" $HOME * ?");
    for (String name : names) {
      Path directory = sshd.hostRoot().resolve("quote-" + Math.abs(name.hashCode()));
      Files.createDirectories(directory);
      Files.createDirectories(directory.resolve(name));

      CommandResult result = runner.run(
          "ls -- " + ShellQuote.quote(directory.resolve(name).toString()) + " && echo ok",
          TIMEOUT);

      assertThat(result.exitStatus()).as("exit status for %s", name).isZero();
      assertThat(result.stdoutText()).as("output for %s", name).isEqualTo("ok\n");
      assertThat(marker).as("marker after %s", name).doesNotExist();
    }
  }

  @Test
  void quotedArgumentArrivesUnchanged() throws Exception {
    String value = "a'b\"c $(d) `e` \\f\ng *";

    CommandResult result = runner.run("printf %s " + ShellQuote.quote(value), TIMEOUT);

    assertThat(result.stdout()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void killedCommandReportsSignalStatus() throws Exception {
    CommandResult result = runner.run("kill -9 $$", TIMEOUT);

    assertThat(result.exitStatus()).isEqualTo(137);
  }
}
