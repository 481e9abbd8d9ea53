package dev.opsbook.exporter.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's HTTP server: {@code /metrics} from the Prometheus client's {@link HTTPServer},
 * plus {@code /healthz} and the landing page on {@code /}.
 */
public final class ExporterServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExporterServer.class);

  private final HTTPServer server;
  private final ListenAddress address;

  private ExporterServer(HTTPServer server, ListenAddress address) {
    this.server = server;
    this.address = address;
  }

  /**
   * Binds the address and starts serving.
   *
   * @param address where to listen; port 0 picks a free port
   * @param registry the registry that {@code /metrics} serves
   * @param healthy whether {@code /healthz} returns 200
   * @param landingPage renders the page on {@code /}
   * @throws IOException when the address cannot be bound
   */
  public static ExporterServer start(
      ListenAddress address,
      PrometheusRegistry registry,
      BooleanSupplier healthy,
      Supplier<String> landingPage)
      throws IOException {
    HTTPServer.Builder builder =
        HTTPServer.builder()
            .port(address.port())
            .registry(registry)
            .registerHealthHandler(false)
            .defaultHandler(new RootHandler(healthy, landingPage));
    if (!address.isWildcard()) {
      builder.inetAddress(InetAddress.getByName(address.host()));
    }
    HTTPServer server = builder.buildAndStart();
    ListenAddress bound = new ListenAddress(address.host(), server.getPort());
    LOG.info("HTTP server listening on {}; metrics on /metrics", bound);
    return new ExporterServer(server, bound);
  }

  /** Returns the bound address, with the real port when port 0 was requested. */
  public ListenAddress address() {
    return address;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
    LOG.info("HTTP server on {} stopped", address);
  }

  /**
   * Serves every path that {@link HTTPServer} does not: the client registers this handler on
   * {@code /}, and the JDK server routes each request to the longest matching context prefix.
   */
  private static final class RootHandler implements HttpHandler {
    private final BooleanSupplier healthy;
    private final Supplier<String> landingPage;

    private RootHandler(BooleanSupplier healthy, Supplier<String> landingPage) {
      this.healthy = healthy;
      this.landingPage = landingPage;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          send(exchange, 405, "text/plain", "method not allowed: use GET\n");
          return;
        }
        String path = exchange.getRequestURI().getPath();
        switch (path) {
          case "/", "/index.html" -> send(exchange, 200, "text/html", landingPage.get());
          case "/healthz" -> {
            if (healthy.getAsBoolean()) {
              send(exchange, 200, "text/plain", "ok\n");
            } else {
              send(exchange, 503, "text/plain", "not running: the scheduler is stopped\n");
            }
          }
          default -> send(exchange, 404, "text/plain", "not found: try /metrics, /healthz or /\n");
        }
      } catch (RuntimeException e) {
        LOG.warn("request for {} failed", exchange.getRequestURI().getPath(), e);
        throw e;
      }
    }

    private static void send(HttpExchange exchange, int status, String type, String body)
        throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
