package dev.opsbook.rulegen.alertmanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** HTTP server on 127.0.0.1 that records every request Alertmanager sends to it. */
final class NotificationRecorder implements AutoCloseable {

  /** One recorded request. */
  record Request(String path, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();

  NotificationRecorder() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::record);
    server.start();
  }

  /** Returns the URL of {@code path} on this server. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Returns a copy of the requests recorded so far, in arrival order. */
  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits at most {@code timeout} for a matching request, and returns the first one if any. */
  synchronized Optional<Request> await(Predicate<Request> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Request> found = requests.stream().filter(match).findFirst();
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (found.isPresent() || remainingMillis <= 0) {
        return found;
      }
      wait(remainingMillis);
    }
  }

  private void record(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    synchronized (this) {
      requests.add(new Request(exchange.getRequestURI().getPath(), body));
      notifyAll();
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
