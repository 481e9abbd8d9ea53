package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.exporter.testing.Sshd;
import dev.opsbook.spec.model.Host;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshRunner against a TCP server on 127.0.0.1 that accepts connections and never writes. */
class SshSilentServerTest {

  @TempDir Path dir;

  @Test
  void silentServerFailsWithinConnectTimeout() throws Exception {
    assertHandshakeFailsQuickly("");
  }

  @Test
  void serverSilentAfterGreetingFailsQuickly() throws Exception {
    assertHandshakeFailsQuickly("SSH-2.0-OpenSSH_9.2\r\n");
  }

  @Test
  void repeatedHandshakeTimeoutsLeakNoThreads() throws Exception {
    try (SilentServer server = new SilentServer(""); Sshd sshd = Sshd.start()) {
      SshSettings settings = TestSsh.settings(sshd, dir.resolve("known_hosts"))
          .withConnectTimeout(Duration.ofMillis(200))
          .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
      Host host = new Host("silent", "127.0.0.1", sshd.user(), server.port(), Map.of());
      try (SshRunner runner = TestSsh.runner(host, settings)) {
        runner.run("true", Duration.ofSeconds(5));
      } catch (CommandException expected) {
        // The first attempt starts the shared timer and reader pools.
      }
      int threadsBefore = Thread.activeCount();

      for (int attempt = 0; attempt < 10; attempt++) {
        try (SshRunner runner = TestSsh.runner(host, settings)) {
          CommandException failure = catchThrowableOfType(CommandException.class,
              () -> runner.run("true", Duration.ofSeconds(5)));
          assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        }
      }

      assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
    }
  }

  @Test
  void closeDoesNotWaitForConnect() throws Exception {
    try (SilentServer server = new SilentServer(""); Sshd sshd = Sshd.start()) {
      SshSettings settings = TestSsh.settings(sshd, dir.resolve("known_hosts"))
          .withConnectTimeout(Duration.ofSeconds(5));
      Host host = new Host("silent", "127.0.0.1", sshd.user(), server.port(), Map.of());
      SshRunner runner = TestSsh.runner(host, settings);
      CompletableFuture<CommandException> failure = CompletableFuture.supplyAsync(
          () -> catchThrowableOfType(CommandException.class,
              () -> runner.run("true", Duration.ofSeconds(20))));
      Thread.sleep(300);

      long start = System.nanoTime();
      runner.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(Duration.ofSeconds(1));
      CommandException error = failure.get(15, TimeUnit.SECONDS);
      assertThat(error).isNotNull();
    }
  }

  private void assertHandshakeFailsQuickly(String greeting) throws Exception {
    try (SilentServer server = new SilentServer(greeting); Sshd sshd = Sshd.start()) {
      SshSettings settings = TestSsh.settings(sshd, dir.resolve("known_hosts"))
          .withConnectTimeout(Duration.ofSeconds(1));
      Host host = new Host("silent", "127.0.0.1", sshd.user(), server.port(), Map.of());
      try (SshRunner runner = TestSsh.runner(host, settings)) {
        long start = System.nanoTime();
        CommandException failure =
            catchThrowableOfType(CommandException.class,
                () -> runner.run("true", Duration.ofSeconds(20)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(failure.getMessage()).startsWith("ssh to silent (127.0.0.1:");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
      }
    }
  }

  /** Accepts connections, sends the greeting, keeps them open and never sends more. */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;
    private final byte[] greeting;

    SilentServer(String greeting) throws IOException {
      this.greeting = greeting.getBytes(StandardCharsets.US_ASCII);
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::acceptAll, "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void acceptAll() {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          client.getOutputStream().write(greeting);
          client.getOutputStream().flush();
          synchronized (accepted) {
            accepted.add(client);
          }
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (accepted) {
        for (Socket client : accepted) {
          client.close();
        }
      }
    }
  }
}
