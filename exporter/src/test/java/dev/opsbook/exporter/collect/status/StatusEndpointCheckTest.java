package dev.opsbook.exporter.collect.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks.StatusEndpoint;
import dev.opsbook.spec.model.PromDuration;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusEndpointCheckTest {

  private static final String READY_BODY =
      "{\"overall_ready\":true,\"debug_adapter\":{\"state\":2},\"language_server\":{\"state\":2}}";

  private HttpServer server;
  private volatile int status;
  private volatile String body;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/status",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void readyEndpointReportsComponents() throws Exception {
    status = 200;
    body = READY_BODY;

    List<Sample> samples = check("/status", "2s").collect();

    assertThat(value(samples, MetricNames.STATUS_HTTP_STATUS_CODE)).isEqualTo(200);
    assertThat(value(samples, MetricNames.STATUS_READY)).isEqualTo(1);
    assertThat(value(samples, MetricNames.STATUS_PROBE_DURATION_SECONDS)).isBetween(0.0, 2.0);
    assertThat(component(samples, "dap")).isEqualTo(2);
    assertThat(component(samples, "lsp")).isEqualTo(2);
    assertThat(Samples.find(samples, MetricNames.CHECK_FAILURE_INFO, Map.of())).isEmpty();
  }

  @Test
  void serverErrorIsNotReady() throws Exception {
    status = 503;
    body = "{\"overall_ready\":true,\"debug_adapter\":{\"state\":0}}";

    List<Sample> samples = check("/status", "2s").collect();

    assertThat(value(samples, MetricNames.STATUS_HTTP_STATUS_CODE)).isEqualTo(503);
    assertThat(value(samples, MetricNames.STATUS_READY)).isZero();
    assertThat(component(samples, "dap")).isZero();
    assertThat(Samples.find(samples, MetricNames.CHECK_FAILURE_INFO, Map.of())).isEmpty();
  }

  @Test
  void invalidJsonIsNotReady() throws Exception {
    status = 200;
    body = "<html>maintenance</html>";

    List<Sample> samples = check("/status", "2s").collect();

    assertThat(value(samples, MetricNames.STATUS_READY)).isZero();
    assertThat(Samples.find(samples, MetricNames.STATUS_COMPONENT_STATE, Map.of())).isEmpty();
    assertThat(failureReason(samples, "dap")).isEqualTo("parse_error");
    assertThat(failureReason(samples, "lsp")).isEqualTo("parse_error");
  }

  @Test
  void missingFieldsAreReported() throws Exception {
    status = 200;
    body = "{\"debug_adapter\":{\"state\":2},\"language_server\":{\"state\":\"connected\"}}";

    List<Sample> samples = check("/status", "2s").collect();

    assertThat(value(samples, MetricNames.STATUS_READY)).isZero();
    assertThat(component(samples, "dap")).isEqualTo(2);
    assertThat(failureReason(samples, "lsp")).isEqualTo("parse_error");

    body = "{\"overall_ready\":true,\"debug_adapter\":{}}";
    List<Sample> second = check("/status", "2s").collect();

    assertThat(value(second, MetricNames.STATUS_READY)).isEqualTo(1);
    assertThat(failureReason(second, "dap")).isEqualTo("not_found");
    assertThat(failureReason(second, "lsp")).isEqualTo("not_found");
  }

  @Test
  void slowEndpointTimesOut() {
    StatusEndpointCheck check = check("/slow", "300ms");

    assertThatThrownBy(check::collect)
        .isInstanceOf(CheckFailure.class)
        .hasMessageContaining("/slow")
        .hasMessageContaining("timed out after 300ms")
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("timeout");
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    StatusEndpointCheck check = new StatusEndpointCheck(spec("http://127.0.0.1:" + port + "/status", "2s"));

    assertThatThrownBy(check::collect)
        .isInstanceOf(CheckFailure.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("unreachable");
  }

  @Test
  void rejectsInvalidUrl() {
    assertThatThrownBy(() -> new StatusEndpointCheck(spec("ftp://example/status", "2s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"ftp://example/status\" is not a valid http or https URL");
  }

  private StatusEndpointCheck check(String path, String timeout) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    return new StatusEndpointCheck(spec(url, timeout));
  }

  private static StatusEndpoint spec(String url, String timeout) {
    return new StatusEndpoint(
        url,
        PromDuration.parse(timeout),
        "overall_ready",
        Map.of("dap", "debug_adapter.state", "lsp", "language_server.state"),
        2,
        PromDuration.parse("30s"));
  }

  private static double value(List<Sample> samples, String name) {
    return Samples.value(samples, name, Map.of());
  }

  private static double component(List<Sample> samples, String name) {
    return Samples.value(
        samples, MetricNames.STATUS_COMPONENT_STATE, Map.of(MetricNames.LABEL_COMPONENT, name));
  }

  private static String failureReason(List<Sample> samples, String component) {
    List<Sample> found =
        Samples.find(
            samples, MetricNames.CHECK_FAILURE_INFO, Map.of(MetricNames.LABEL_COMPONENT, component));
    assertThat(found).as("failure of component " + component).hasSize(1);
    return found.get(0).labels().get(MetricNames.LABEL_REASON);
  }
}
