package dev.opsbook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP endpoint on 127.0.0.1 that records every Alertmanager webhook notification it
 * receives, for the whole run.
 */
final class WebhookReceiver implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 4 << 20;

  /** A notification and the one of its alerts that a wait matched. */
  record Match(Notification notification, Notification.Alert alert) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Notification> received = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final HttpServer server;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/alerts", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES);
      }
      try {
        Notification notification = parse(json.readTree(body));
        synchronized (this) {
          received.add(notification);
          notifyAll();
        }
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          rejected.add(e.toString());
        }
        exchange.sendResponseHeaders(400, -1);
      }
    }
  }

  private static Notification parse(JsonNode root) throws IOException {
    if (!root.isObject() || !root.path("alerts").isArray()) {
      throw new IOException("not an Alertmanager webhook payload: " + root);
    }
    List<Notification.Alert> alerts = new ArrayList<>();
    for (JsonNode alert : root.path("alerts")) {
      alerts.add(
          new Notification.Alert(
              alert.path("status").asText(),
              strings(alert.path("labels")),
              strings(alert.path("annotations")),
              alert.path("startsAt").asText()));
    }
    return new Notification(
        Instant.now(),
        root.path("receiver").asText(),
        root.path("status").asText(),
        strings(root.path("groupLabels")),
        List.copyOf(alerts));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      values.put(field.getKey(), field.getValue().asText());
    }
    return Map.copyOf(values);
  }

  /**
   * Waits until a notification received at or after {@code since} contains an alert that matches,
   * or the deadline passes.
   */
  synchronized Optional<Match> await(
      Instant since, Predicate<Match> condition, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < received.size(); checked++) {
        Notification notification = received.get(checked);
        if (notification.receivedAt().isBefore(since)) {
          continue;
        }
        for (Notification.Alert alert : notification.alerts()) {
          Match match = new Match(notification, alert);
          if (condition.test(match)) {
            return Optional.of(match);
          }
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Returns every notification received so far. */
  synchronized List<Notification> received() {
    return List.copyOf(received);
  }

  /** Returns the payloads that could not be parsed, which a correct Alertmanager never sends. */
  synchronized List<String> rejected() {
    return List.copyOf(rejected);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
