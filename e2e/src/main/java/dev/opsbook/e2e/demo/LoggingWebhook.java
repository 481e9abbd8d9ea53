package dev.opsbook.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * An Alertmanager webhook receiver for {@code bin/demo} that prints one line per alert of every
 * notification and sends nothing on. It listens on 127.0.0.1 only.
 *
 * <p>Usage: {@code LoggingWebhook PORT}. It runs until it receives SIGTERM or SIGINT.
 */
public final class LoggingWebhook {

  private static final int MAX_BODY_BYTES = 4 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoggingWebhook() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !args[0].matches("[0-9]{1,5}")) {
      System.err.println("usage: LoggingWebhook PORT");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext("/", LoggingWebhook::handle);
    server.start();
    System.out.println("webhook: listening on http://127.0.0.1:" + port + "/");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      stopped.countDown();
    }));
    stopped.await();
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES);
      }
      try {
        print(JSON.readTree(body));
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException e) {
        System.out.println("webhook: " + Instant.now() + " rejected a body that is not JSON: " + e);
        exchange.sendResponseHeaders(400, -1);
      }
    }
  }

  private static void print(JsonNode notification) {
    String receiver = notification.path("receiver").asText();
    for (JsonNode alert : notification.path("alerts")) {
      JsonNode labels = alert.path("labels");
      System.out.printf(
          "webhook: %s %s %s %s{severity=%s, host=%s} %s%n",
          Instant.now(),
          receiver,
          alert.path("status").asText(),
          labels.path("alertname").asText(),
          labels.path("severity").asText(),
          labels.path("host").asText(""),
          alert.path("annotations").path("summary").asText());
    }
    System.out.flush();
  }
}
