package dev.opsbook.e2e;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP service on 127.0.0.1 with the metrics that the spec's SLOs read, and a client
 * thread that sends it steady traffic. {@code /metrics} serves {@code
 * http_requests_total{job,status}} and the histogram {@code http_request_duration_seconds{job}};
 * every other path is an API request that the service answers and counts.
 */
final class ApiService implements AutoCloseable {

  /** Requests per second the client thread sends, enough for the SLOs' {@code min_events}. */
  static final int REQUESTS_PER_SECOND = 50;

  private static final Duration MAX_RUN = Duration.ofMinutes(15);

  private final String job;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram duration;
  private final AtomicInteger errorEvery = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final HTTPServer server;
  private final Thread client;
  private volatile boolean running = true;

  /**
   * Starts the service and its traffic.
   *
   * @param job the value of the {@code job} label on the service's metrics
   * @param latencyBuckets upper bounds of the latency histogram, in seconds
   */
  ApiService(String job, double... latencyBuckets) throws IOException {
    this.job = job;
    requests =
        Counter.builder()
            .name("http_requests_total")
            .help("API requests by status code.")
            .labelNames("job", "status")
            .register(registry);
    duration =
        Histogram.builder()
            .name("http_request_duration_seconds")
            .help("API request duration.")
            .labelNames("job")
            .classicOnly()
            .classicUpperBounds(latencyBuckets)
            .register(registry);
    // Both status series exist from the first scrape, so rate() sees the first error.
    requests.labelValues(job, "200");
    requests.labelValues(job, "500");
    duration.labelValues(job);
    server =
        HTTPServer.builder()
            .hostname("127.0.0.1")
            .port(0)
            .registry(registry)
            .defaultHandler(this::serve)
            .buildAndStart();
    client = new Thread(this::sendTraffic, "api-traffic");
    client.setDaemon(true);
    client.start();
  }

  /** Makes every {@code n}-th request fail with status 500; 0 makes every request succeed. */
  void failEvery(int n) {
    errorEvery.set(n);
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  long served() {
    return served.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      long start = System.nanoTime();
      long number = served.incrementAndGet();
      int every = errorEvery.get();
      int status = every > 0 && number % every == 0 ? 500 : 200;
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(status, -1);
      requests.labelValues(job, Integer.toString(status)).inc();
      duration.labelValues(job).observe((System.nanoTime() - start) / 1e9);
    }
  }

  private void sendTraffic() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI uri = URI.create("http://" + target() + "/api/scenes");
    long periodNanos = 1_000_000_000L / REQUESTS_PER_SECOND;
    long end = System.nanoTime() + MAX_RUN.toNanos();
    long next = System.nanoTime();
    while (running && System.nanoTime() < end) {
      try {
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // A lost request is not counted by the service, so the SLO does not see it either.
      } catch (InterruptedException e) {
        return;
      }
      next += periodNanos;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        try {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    client.interrupt();
    try {
      client.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
  }
}
