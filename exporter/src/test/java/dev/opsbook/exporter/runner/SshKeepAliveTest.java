package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared keepalive thread, against a real sshd whose connection processes the test stops. */
class SshKeepAliveTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofMillis(200);
  /**
   * Name prefixes of the threads that sshj 0.40.0 starts per connection when its keepalive is on,
   * for the KEEP_ALIVE and the HEARTBEAT provider.
   */
  private static final List<String> SSHJ_KEEPALIVE_THREADS =
      List.of("sshj-KeepAliveRunner", "sshj-Heartbeater");
  private static final int CONNECTIONS = 20;

  @Test
  void poolAddsNoKeepAliveThreadPerConnection() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"))
              .withKeepAliveInterval(INTERVAL);
      List<Host> hosts = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        hosts.add(new Host("host-" + i, sshd.host(), sshd.user(), sshd.port(), Map.of()));
      }
      long sshjThreadsBefore = countSshjKeepAliveThreads();

      try (RunnerPool pool = RunnerPool.create(hosts, settings)) {
        for (CommandRunner runner : pool.runners()) {
          assertThat(runner.run("echo up", TIMEOUT).stdoutText()).isEqualTo("up\n");
        }
        long sshjThreadsAfter = countSshjKeepAliveThreads();
        long sharedThreads = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals(KeepAliveScheduler.THREAD_NAME))
            .count();

        // Ten intervals: a connection whose replies went unnoticed would be closed after five.
        Thread.sleep(INTERVAL.multipliedBy(10).toMillis());
        for (CommandRunner runner : pool.runners()) {
          assertThat(runner.run("echo still", TIMEOUT).stdoutText()).isEqualTo("still\n");
        }

        assertThat(sshjThreadsAfter).isEqualTo(sshjThreadsBefore);
        assertThat(sharedThreads).isGreaterThanOrEqualTo(1);
        for (CommandRunner runner : pool.runners()) {
          assertThat(((SshRunner) runner).connectionsOpened())
              .as("connections opened by %s", runner.hostName()).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void stoppedPeerIsClosedAfterMissedReplies() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings =
          TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"))
              .withKeepAliveInterval(INTERVAL);
      int misses = KeepAliveScheduler.DEFAULT_MAX_MISSES;
      try (KeepAliveScheduler keepAlive = new KeepAliveScheduler(INTERVAL, misses);
          SshRunner runner = new SshRunner(TestSsh.host(sshd), settings,
              SshIdentities.load(settings),
              new KnownHosts(settings.knownHosts(), settings.hostKeyPolicy()), new Semaphore(1),
              keepAlive)) {
        runner.run("true", TIMEOUT);
        assertThat(keepAlive.size()).isEqualTo(1);

        List<ProcessHandle> children = connectionProcesses(sshd);
        assertThat(children).as("sshd processes of the connection").isNotEmpty();
        long stoppedAt = System.nanoTime();
        long closedAt = 0;
        try {
          signal("-STOP", children);
          long deadline = stoppedAt + INTERVAL.multipliedBy(misses + 1).toNanos()
              + Duration.ofSeconds(3).toNanos();
          while (System.nanoTime() < deadline && keepAlive.size() > 0) {
            Thread.sleep(20);
          }
          closedAt = System.nanoTime();
        } finally {
          signal("-CONT", children);
        }

        assertThat(keepAlive.size()).as("connections still watched").isZero();
        assertThat(Duration.ofNanos(closedAt - stoppedAt))
            .as("time until the stopped peer was closed")
            .isGreaterThanOrEqualTo(INTERVAL.multipliedBy(misses - 1));
        assertThat(runner.run("echo back", TIMEOUT).stdoutText()).isEqualTo("back\n");
        assertThat(runner.connectionsOpened()).isEqualTo(2);
      }
    }
  }

  private static long countSshjKeepAliveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> SSHJ_KEEPALIVE_THREADS.stream().anyMatch(thread.getName()::startsWith))
        .count();
  }

  /** Returns the processes that sshd forked for its connections, from its PID file. */
  private static List<ProcessHandle> connectionProcesses(Sshd sshd) throws IOException {
    Path pidFile = sshd.hostRoot().getParent().resolve("sshd.pid");
    assertThat(pidFile).as("sshd PID file").exists();
    long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
    ProcessHandle listener = ProcessHandle.of(pid).orElseThrow(
        () -> new AssertionError("sshd process " + pid + " from " + pidFile + " is not running"));
    return listener.descendants().toList();
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", signal));
    processes.forEach(process -> command.add(Long.toString(process.pid())));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      throw new AssertionError("kill " + signal + " did not finish within 5 s");
    }
    String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kill.exitValue()).as("kill %s output: %s", signal, output).isZero();
  }
}
