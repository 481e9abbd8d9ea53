package dev.opsbook.exporter.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.MutableClock;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.schedule.CheckKey;
import dev.opsbook.exporter.schedule.SampleStore;
import dev.opsbook.spec.MetricNames;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExporterServerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final SampleStore store = new SampleStore();
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ExporterServer server;

  @BeforeEach
  void setUp() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new StoreCollector(
            store, Map.of("web-<1>", Map.of()), "1.2.3", NOW, new MutableClock(NOW)));
    store.recordSuccess(
        CheckKey.ofHost("web-<1>", "disk"),
        List.of(
            Sample.gauge(
                MetricNames.FILESYSTEM_SIZE_BYTES, Map.of(MetricNames.LABEL_MOUNTPOINT, "/"), 10)),
        0.1,
        NOW);
    store.recordFailure(CheckKey.ofHost("web-<1>", "apt"), "parse_error", 0.2);
    LandingPage page =
        new LandingPage(
            "1.2.3",
            "slo-spec.yaml",
            Map.of("web-<1>", Map.of("env", "prod")),
            List.of(
                new dev.opsbook.exporter.schedule.ScheduledCheck(
                    CheckKey.ofHost("web-<1>", "disk"), Duration.ofSeconds(60), List::of, true),
                new dev.opsbook.exporter.schedule.ScheduledCheck(
                    CheckKey.ofHost("web-<1>", "apt"), Duration.ofHours(1), List::of, true)),
            store);
    server =
        ExporterServer.start(
            ListenAddress.parse("127.0.0.1:0"), registry, healthy::get, page::render);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void metricsServesStoreContents() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body())
        .contains("opsbook_filesystem_size_bytes{host=\"web-<1>\",mountpoint=\"/\"} 10.0");
    assertThat(Promtool.checkMetrics(response.body()).output()).isEmpty();
  }

  @Test
  void metricsAnswersOpenMetricsRequests() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0")
                .GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("# TYPE opsbook_exporter_duplicate_samples counter");
    assertThat(response.body()).endsWith("# EOF\n");
  }

  @Test
  void healthzFollowsScheduler() throws Exception {
    HttpResponse<String> up = get("/healthz");
    healthy.set(false);
    HttpResponse<String> down = get("/healthz");

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).isEqualTo("ok\n");
    assertThat(down.statusCode()).isEqualTo(503);
  }

  @Test
  void landingPageListsHostsAndChecksEscaped() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body()).contains("href=\"metrics\"").contains("href=\"healthz\"");
    assertThat(response.body()).contains("web-&lt;1&gt;").doesNotContain("web-<1>");
    assertThat(response.body()).contains("failing: parse_error").contains("1h").contains("1m");
    assertThat(response.body()).contains("env=prod");
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void postIsRejected() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/healthz")).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(405);
  }
}
