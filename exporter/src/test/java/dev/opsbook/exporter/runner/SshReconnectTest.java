package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Host;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection loss, backoff and unreachable hosts, against a real sshd that the test restarts. */
class SshReconnectTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int OUTAGES = 5;

  @Test
  void reconnectsAfterSshdRestart() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"));
      try (SshRunner runner = TestSsh.runner(sshd, settings)) {
        assertThat(runner.run("echo before", TIMEOUT).stdoutText()).isEqualTo("before\n");

        sshd.restart();

        assertThat(runner.run("echo after", TIMEOUT).stdoutText()).isEqualTo("after\n");
        assertThat(runner.connectionsOpened()).isEqualTo(2);
      }
    }
  }

  @Test
  void backsOffWhileDownAndRecovers() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"))
              .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(1));
      try (SshRunner runner = TestSsh.runner(sshd, settings)) {
        runner.run("true", TIMEOUT);
        sshd.stop();

        CommandException refused = catchThrowableOfType(CommandException.class,
            () -> runner.run("true", TIMEOUT));
        long start = System.nanoTime();
        CommandException fastFail = catchThrowableOfType(CommandException.class,
            () -> runner.run("true", TIMEOUT));
        long fastFailMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(refused.reason()).as(refused.getMessage()).isEqualTo(Reason.UNREACHABLE);
        assertThat(refused.getMessage()).contains("connection refused")
            .contains("127.0.0.1:" + sshd.port()).contains("next attempt in 1s");
        assertThat(fastFail.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(fastFail.getMessage()).contains("next attempt in");
        assertThat(fastFailMillis).isLessThan(1000);

        sshd.restart();
        List<String> failures = new ArrayList<>();
        CommandResult result = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (result == null && System.nanoTime() < deadline) {
          try {
            result = runner.run("echo back", TIMEOUT);
          } catch (CommandException e) {
            failures.add(e.getMessage());
            Thread.sleep(100);
          }
        }
        assertThat(result).as("result after restart; failures: %s", failures).isNotNull();
        assertThat(result.stdoutText()).isEqualTo("back\n");
        assertThat(failures).allSatisfy(message -> assertThat(message).contains("next attempt"));
      }
    }
  }

  @Test
  void repeatedOutagesLeakNoThreads() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      Duration backoffMax = Duration.ofSeconds(1);
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"))
              .withBackoff(Duration.ofMillis(200), backoffMax);
      try (SshRunner runner = TestSsh.runner(sshd, settings)) {
        runner.run("true", TIMEOUT);
        List<Long> threadCounts = new ArrayList<>();

        for (int cycle = 1; cycle <= OUTAGES; cycle++) {
          // Stops the listener and every per-connection sshd process, so the established
          // connection breaks. Per-connection processes outlive a stopped listener.
          sshd.stop();
          long start = System.nanoTime();
          CommandException down = catchThrowableOfType(CommandException.class,
              () -> runner.run("true", TIMEOUT));
          long downMillis = (System.nanoTime() - start) / 1_000_000;

          assertThat(down).as("failure while sshd is down, outage %d", cycle).isNotNull();
          assertThat(down.reason()).as(down.getMessage()).isEqualTo(Reason.UNREACHABLE);
          assertThat(down.getMessage()).contains("connection refused")
              .contains("next attempt in 1s");
          assertThat(downMillis).as("time to fail, outage %d", cycle).isLessThan(5000);

          sshd.restart();
          long restarted = System.nanoTime();
          List<String> failures = new ArrayList<>();
          String output = awaitOutput(runner, "echo up " + cycle, failures);
          long recoveryMillis = (System.nanoTime() - restarted) / 1_000_000;

          // The wait before the next attempt is at most backoffMax, plus the connect itself.
          assertThat(recoveryMillis).as("time to recover, outage %d", cycle)
              .isLessThan(backoffMax.plusSeconds(4).toMillis());
          assertThat(output).as("output after outage %d; failures: %s", cycle, failures)
              .isEqualTo("up " + cycle + "\n");
          assertThat(failures).allSatisfy(message -> assertThat(message).contains("next attempt"));
          assertThat(runner.connectionsOpened()).isEqualTo(cycle + 1);
          assertThat(sshjThreadNames()).as("sshj threads after outage %d", cycle).hasSize(1);
          threadCounts.add(liveThreadCount());
        }

        assertThat(threadCounts.get(OUTAGES - 1))
            .as("live threads after each outage: %s", threadCounts)
            .isLessThanOrEqualTo(threadCounts.get(0));
      }
    }
  }

  @Test
  void closedPortIsUnreachableQuickly() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"));
      Host host = new Host("closed", "127.0.0.1", sshd.user(), port, Map.of());
      try (SshRunner runner = TestSsh.runner(host, settings)) {
        long start = System.nanoTime();
        CommandException error = catchThrowableOfType(CommandException.class,
            () -> runner.run("true", TIMEOUT));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(error.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(error.getMessage()).startsWith("ssh to closed (127.0.0.1:" + port + "): ")
            .contains("connection refused");
        assertThat(elapsedMillis).isLessThan(5000);
      }
    }
  }

  @Test
  void unknownHostNameIsUnreachable() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"));
      // The .invalid top-level domain never resolves (RFC 2606).
      Host host = new Host("nowhere", "no-such-host.invalid", sshd.user(), 22, Map.of());
      try (SshRunner runner = TestSsh.runner(host, settings)) {
        CommandException error = catchThrowableOfType(CommandException.class,
            () -> runner.run("true", TIMEOUT));

        assertThat(error.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(error.getMessage()).contains("no-such-host.invalid:22")
            .contains("unknown host name");
      }
    }
  }

  @Test
  void closedRunnerRejectsCommands() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"));
      SshRunner runner = TestSsh.runner(sshd, settings);
      runner.run("true", TIMEOUT);
      runner.close();

      CommandException error = catchThrowableOfType(CommandException.class,
          () -> runner.run("true", TIMEOUT));

      assertThat(error.reason()).isEqualTo(Reason.LOCAL_ERROR);
    }
  }

  /** Runs the command until it succeeds, for up to 15 s, and returns its output or null. */
  private static String awaitOutput(SshRunner runner, String command, List<String> failures)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return runner.run(command, TIMEOUT).stdoutText();
      } catch (CommandException e) {
        failures.add(e.getMessage());
        Thread.sleep(100);
      }
    }
    return null;
  }

  /** Returns the names of live threads that sshj started, such as its reader threads. */
  private static List<String> sshjThreadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("sshj-"))
        .toList();
  }

  /**
   * Returns the number of live threads, without the JDK's "process reaper" threads, because the
   * test starts an sshd process per outage and the JDK keeps an idle reaper thread for 60 s.
   */
  private static long liveThreadCount() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> !thread.getName().equals("process reaper"))
        .count();
  }
}
