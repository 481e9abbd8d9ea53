package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunnerPoolTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static Sshd sshd;
  private static SshSettings settings;

  @BeforeAll
  static void startServer() throws Exception {
    sshd = Sshd.start();
    settings = TestSsh.settings(sshd, sshd.newTempDirectory("kh").resolve("known_hosts"));
  }

  @AfterAll
  static void stopServer() {
    sshd.close();
  }

  @Test
  void poolCreatesLocalAndSshRunners() throws Exception {
    List<Host> hosts = List.of(Host.local(), remote("web1"), remote("web2"));

    try (RunnerPool pool = RunnerPool.create(hosts, settings)) {
      assertThat(pool.runner("local")).isInstanceOf(LocalRunner.class);
      assertThat(pool.runner("web1")).isInstanceOf(SshRunner.class);
      assertThat(pool.runners()).extracting(CommandRunner::hostName)
          .containsExactly("local", "web1", "web2");
      assertThat(pool.runner("local").run("echo local", TIMEOUT).stdoutText())
          .isEqualTo("local\n");
      assertThat(pool.runner("web2").run("echo remote", TIMEOUT).stdoutText())
          .isEqualTo("remote\n");
    }
  }

  @Test
  void closeClosesEveryRunner() throws Exception {
    RunnerPool pool = RunnerPool.create(List.of(remote("a"), remote("b")), settings);
    pool.runner("a").run("true", TIMEOUT);
    pool.close();

    for (String name : List.of("a", "b")) {
      CommandException error = catchThrowableOfType(CommandException.class,
          () -> pool.runner(name).run("true", TIMEOUT));
      assertThat(error.reason()).as("reason for %s", name).isEqualTo(Reason.LOCAL_ERROR);
    }
  }

  @Test
  void oneConnectSlotServesManyHosts() throws Exception {
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      hosts.add(remote("host" + i));
    }
    ExecutorService threads = Executors.newFixedThreadPool(hosts.size());
    try (RunnerPool pool = RunnerPool.create(hosts, settings, 1)) {
      List<Future<CommandResult>> results = new ArrayList<>();
      for (Host host : hosts) {
        results.add(threads.submit(() -> pool.runner(host.name()).run("echo up", TIMEOUT)));
      }
      for (Future<CommandResult> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).stdoutText()).isEqualTo("up\n");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void localOnlyPoolNeedsNoKeys() throws Exception {
    SshSettings noKeys = settings.withIdentities(List.of());

    try (RunnerPool pool = RunnerPool.create(List.of(Host.local()), noKeys)) {
      assertThat(pool.runner("local").run("echo ok", TIMEOUT).stdoutText()).isEqualTo("ok\n");
    }
  }

  @Test
  void duplicateHostNameIsRejected() {
    IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
        () -> RunnerPool.create(List.of(remote("twice"), remote("twice")), settings));

    assertThat(error.getMessage()).isEqualTo("host name twice is listed twice");
  }

  @Test
  void unknownRunnerNameIsRejected() throws Exception {
    try (RunnerPool pool = RunnerPool.create(List.of(Host.local()), settings)) {
      IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
          () -> pool.runner("missing"));

      assertThat(error.getMessage()).isEqualTo("no runner for host missing");
    }
  }

  private static Host remote(String name) {
    return new Host(name, sshd.host(), sshd.user(), sshd.port(), Map.of());
  }
}
