package dev.opsbook.rulegen.alertmanager;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real prometheus-alertmanager on 127.0.0.1 with clustering off and its own storage. */
final class AlertmanagerServer implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final Process process;
  private final Path log;
  private final String baseUrl;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

  private AlertmanagerServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /** Starts Alertmanager with {@code config} and waits until it reports ready. */
  static AlertmanagerServer start(String config, Path directory)
      throws IOException, InterruptedException {
    Path configFile = directory.resolve("alertmanager.yml");
    Files.writeString(configFile, config, StandardCharsets.UTF_8);
    Path storage = Files.createDirectories(directory.resolve("data"));
    Path log = directory.resolve("alertmanager.log");
    int port = freePort();
    Process process =
        new ProcessBuilder(
                List.of(
                    Tools.require(Tools.ALERTMANAGER).toString(),
                    "--config.file=" + configFile,
                    "--storage.path=" + storage,
                    "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address="))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    AlertmanagerServer server = new AlertmanagerServer(process, log, port);
    try {
      server.awaitReady();
    } catch (IOException | InterruptedException | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Posts alerts, a JSON array in the API v2 format, and fails unless Alertmanager accepts. */
  void postAlerts(String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/alerts"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      fail("POST /api/v2/alerts returned " + response.statusCode() + ": " + response.body());
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).timeout(REQUEST_TIMEOUT).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("prometheus-alertmanager exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Alertmanager has not bound its port yet; try again until the deadline.
      }
      Thread.sleep(100);
    }
    fail("prometheus-alertmanager not ready after " + READY_TIMEOUT + ":\n" + log());
  }

  /** Returns the process output, for failure messages. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  // NOTE: another process may take the port between close() and Alertmanager's bind; the
  // start then fails with Alertmanager's "address already in use" in the message.
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
