package dev.opsbook.exporter.collect.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.collect.TestPki;
import dev.opsbook.exporter.collect.TestPki.Issued;
import dev.opsbook.spec.MetricNames;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsEndpointCheckTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private static Issued root;
  private static Issued intermediate;
  private static Issued leaf;
  private static Issued expiredLeaf;

  private SSLServerSocket server;
  private Thread acceptor;

  @BeforeAll
  static void issueChain() throws Exception {
    root = TestPki.selfSigned("CN=Opsbook Test Root", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(3650, ChronoUnit.DAYS));
    intermediate =
        TestPki.issue(
            root, "CN=Opsbook Test Intermediate", NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(20, ChronoUnit.DAYS), true, null);
    leaf =
        TestPki.issue(
            intermediate, "CN=localhost", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(60, ChronoUnit.DAYS),
            false, "localhost");
    expiredLeaf =
        TestPki.issue(
            intermediate, "CN=localhost", NOW.minus(40, ChronoUnit.DAYS), NOW.minus(2, ChronoUnit.DAYS),
            false, "localhost");
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
      acceptor.join(5000);
    }
  }

  @Test
  void untrustedChainIsReportedUnverified() throws Exception {
    int port = serve(leaf);
    TlsEndpointCheck check = new TlsEndpointCheck("localhost:" + port, Duration.ofMinutes(1));

    List<Sample> samples = check.collect();

    String endpoint = "localhost:" + port;
    assertThat(value(samples, MetricNames.TLS_VERIFIED, endpoint)).isZero();
    assertThat(value(samples, MetricNames.TLS_LEAF_NOT_AFTER_TIMESTAMP_SECONDS, endpoint))
        .isEqualTo(seconds(NOW.plus(60, ChronoUnit.DAYS)));
    assertThat(value(samples, MetricNames.TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS, endpoint))
        .isEqualTo(seconds(NOW.plus(20, ChronoUnit.DAYS)));
    Map<String, String> intermediateLabels =
        Map.of(
            MetricNames.LABEL_ENDPOINT, endpoint,
            MetricNames.LABEL_INDEX, "1",
            MetricNames.LABEL_SUBJECT, "CN=Opsbook Test Intermediate",
            MetricNames.LABEL_ISSUER, "CN=Opsbook Test Root");
    assertThat(
            Samples.value(
                samples, MetricNames.TLS_CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS, intermediateLabels))
        .isEqualTo(seconds(NOW.plus(20, ChronoUnit.DAYS)));
    assertThat(
            Samples.find(samples, MetricNames.TLS_CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS, Map.of()))
        .hasSize(2);
  }

  @Test
  void trustedChainVerifies() throws Exception {
    int port = serve(leaf);
    TlsEndpointCheck check =
        new TlsEndpointCheck("localhost:" + port, Duration.ofMinutes(1), trustingTestRoot());

    List<Sample> samples = check.collect();

    assertThat(value(samples, MetricNames.TLS_VERIFIED, "localhost:" + port)).isEqualTo(1);
  }

  @Test
  void hostNameMismatchIsUnverified() throws Exception {
    int port = serve(leaf);
    TlsEndpointCheck check =
        new TlsEndpointCheck("127.0.0.1:" + port, Duration.ofMinutes(1), trustingTestRoot());

    List<Sample> samples = check.collect();

    assertThat(value(samples, MetricNames.TLS_VERIFIED, "127.0.0.1:" + port)).isZero();
  }

  @Test
  void expiredLeafIsReportedUnverified() throws Exception {
    int port = serve(expiredLeaf);
    TlsEndpointCheck check =
        new TlsEndpointCheck("localhost:" + port, Duration.ofMinutes(1), trustingTestRoot());

    List<Sample> samples = check.collect();

    String endpoint = "localhost:" + port;
    assertThat(value(samples, MetricNames.TLS_VERIFIED, endpoint)).isZero();
    assertThat(value(samples, MetricNames.TLS_LEAF_NOT_AFTER_TIMESTAMP_SECONDS, endpoint))
        .isEqualTo(seconds(NOW.minus(2, ChronoUnit.DAYS)));
    assertThat(value(samples, MetricNames.TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS, endpoint))
        .isEqualTo(seconds(NOW.minus(2, ChronoUnit.DAYS)));
  }

  @Test
  void silentServerTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      TlsEndpointCheck check =
          new TlsEndpointCheck("127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(500));

      assertThatThrownBy(check::collect)
          .isInstanceOf(CheckFailure.class)
          .hasMessageContaining("timed out")
          .extracting(e -> ((CheckFailure) e).reason())
          .isEqualTo("timeout");
    }
  }

  @Test
  void tricklingServerTimesOut() throws Exception {
    try (ServerSocket trickling = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread sender = new Thread(() -> trickleHandshakeRecord(trickling), "tls-trickle");
      sender.setDaemon(true);
      sender.start();
      TlsEndpointCheck check =
          new TlsEndpointCheck("127.0.0.1:" + trickling.getLocalPort(), Duration.ofSeconds(1));
      long start = System.nanoTime();

      assertThatThrownBy(check::collect)
          .isInstanceOf(CheckFailure.class)
          .hasMessageContaining("timed out")
          .extracting(e -> ((CheckFailure) e).reason())
          .isEqualTo("timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      sender.interrupt();
    }
  }

  /**
   * Sends the header of a 16 KiB TLS handshake record, then one byte every 200 ms for up to
   * 30 s, so every read gets data well within the read timeout.
   */
  private static void trickleHandshakeRecord(ServerSocket listening) {
    try (Socket client = listening.accept()) {
      OutputStream out = client.getOutputStream();
      out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
      out.flush();
      for (int i = 0; i < 150 && !Thread.currentThread().isInterrupted(); i++) {
        Thread.sleep(200);
        out.write(0);
        out.flush();
      }
    } catch (IOException e) {
      // The client closed the connection, which ends the test server.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    TlsEndpointCheck check = new TlsEndpointCheck("127.0.0.1:" + port, Duration.ofSeconds(5));

    assertThatThrownBy(check::collect)
        .isInstanceOf(CheckFailure.class)
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("unreachable");
  }

  @Test
  void plainTextServerIsTlsError() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread responder =
          new Thread(
              () -> {
                try (Socket socket = plain.accept()) {
                  socket.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes());
                } catch (Exception e) {
                  // The test fails on the client side if the server misbehaves.
                }
              });
      responder.start();
      TlsEndpointCheck check = new TlsEndpointCheck("127.0.0.1:" + plain.getLocalPort(), Duration.ofSeconds(5));

      assertThatThrownBy(check::collect)
          .isInstanceOf(CheckFailure.class)
          .extracting(e -> ((CheckFailure) e).reason())
          .isEqualTo("tls_error");
      responder.join(5000);
    }
  }

  @Test
  void parsesEndpoints() {
    assertThat(TlsEndpoint.parse("api.example.com:443")).isEqualTo(new TlsEndpoint("api.example.com", 443));
    assertThat(TlsEndpoint.parse("[::1]:8443")).isEqualTo(new TlsEndpoint("::1", 8443));
    assertThatThrownBy(() -> TlsEndpoint.parse("api.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"api.example.com\" is not host:port");
    assertThatThrownBy(() -> TlsEndpoint.parse("::1:443")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsEndpoint.parse("host:99999")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Starts a TLS server on 127.0.0.1 that sends the leaf and the intermediate. */
  private int serve(Issued serverLeaf) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] password = "test".toCharArray();
    keys.setKeyEntry(
        "server",
        serverLeaf.keys().getPrivate(),
        password,
        new Certificate[] {serverLeaf.certificate(), intermediate.certificate()});
    KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
    factory.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    server =
        (SSLServerSocket)
            context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    SSLServerSocket listening = server;
    acceptor =
        new Thread(
            () -> {
              while (!listening.isClosed()) {
                try (SSLSocket socket = (SSLSocket) listening.accept()) {
                  socket.setSoTimeout(5000);
                  socket.startHandshake();
                } catch (Exception e) {
                  // A client that rejects the handshake or a closed server ends this connection.
                }
              }
            },
            "tls-test-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  private static X509ExtendedTrustManager trustingTestRoot() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("root", root.certificate());
    return TlsEndpointCheck.trustOf(store);
  }

  private static double seconds(Instant instant) {
    return instant.getEpochSecond();
  }

  private static double value(List<Sample> samples, String name, String endpoint) {
    return Samples.value(samples, name, Map.of(MetricNames.LABEL_ENDPOINT, endpoint));
  }
}
