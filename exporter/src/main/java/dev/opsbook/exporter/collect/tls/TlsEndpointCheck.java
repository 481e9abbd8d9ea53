package dev.opsbook.exporter.collect.tls;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.certificate.CertificateNames;
import dev.opsbook.spec.MetricNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a TLS endpoint from the exporter with the JDK's TLS stack and reports the chain the
 * server sent, even when it does not verify. Verification uses the JDK's default trust store
 * and checks the host name as HTTPS does; the result is {@code opsbook_tls_verified}. Leaf,
 * earliest and per-certificate expiry are reported apart, because an intermediate may expire
 * before the leaf.
 */
public final class TlsEndpointCheck implements EndpointCheck {

  private static final Logger LOG = LoggerFactory.getLogger(TlsEndpointCheck.class);

  /** Maximum time of the connect and the handshake together; a shorter interval lowers it. */
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

  /** Closes the socket of a probe that passes its timeout. */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "tls-probe-deadline");
            thread.setDaemon(true);
            return thread;
          });

  private final String text;
  private final TlsEndpoint endpoint;
  private final Duration interval;
  private final Duration timeout;
  private final X509ExtendedTrustManager trust;
  private volatile String lastVerificationError;

  /**
   * @param endpoint {@code host:port}
   * @throws IllegalArgumentException when the endpoint is not {@code host:port}
   */
  public TlsEndpointCheck(String endpoint, Duration interval) {
    this(endpoint, interval, defaultTrust());
  }

  TlsEndpointCheck(String endpoint, Duration interval, X509ExtendedTrustManager trust) {
    this.text = endpoint;
    this.endpoint = TlsEndpoint.parse(endpoint);
    this.interval = interval;
    this.timeout = interval.compareTo(MAX_TIMEOUT) < 0 ? interval : MAX_TIMEOUT;
    this.trust = trust;
  }

  @Override
  public String name() {
    return MetricNames.CHECK_TLS;
  }

  @Override
  public String endpoint() {
    return text;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect() throws CheckFailure {
    RecordingTrustManager recorder = new RecordingTrustManager(trust);
    handshake(recorder);
    List<X509Certificate> chain = recorder.chain();
    if (chain == null || chain.isEmpty()) {
      throw new CheckFailure(
          Reasons.TLS_ERROR, "check tls: endpoint " + text + " sent no certificate chain");
    }
    logVerificationChange(recorder.verificationError());
    return samplesOf(text, chain, recorder.verificationError() == null);
  }

  private void handshake(RecordingTrustManager recorder) throws CheckFailure {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recorder}, null);
    } catch (GeneralSecurityException e) {
      throw new CheckFailure(Reasons.TLS_ERROR, "check tls: no TLS context: " + e, e);
    }
    int millis = (int) timeout.toMillis();
    AtomicBoolean expired = new AtomicBoolean();
    try (Socket plain = new Socket()) {
      // The read timeout bounds each read only, so a server that sends a byte now and then
      // could stretch the handshake for hours. The deadline closes the socket instead.
      ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
        expired.set(true);
        closeQuietly(plain);
      }, millis, TimeUnit.MILLISECONDS);
      try {
        plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
        plain.setSoTimeout(millis);
        runHandshake(context, plain);
      } finally {
        deadline.cancel(false);
      }
    } catch (SocketTimeoutException e) {
      throw timedOut(e);
    } catch (SSLException e) {
      if (recorder.chain() == null) {
        if (expired.get()) {
          throw timedOut(e);
        }
        throw new CheckFailure(
            Reasons.TLS_ERROR, "check tls: handshake with " + text + " failed: " + e.getMessage(), e);
      }
      // The chain arrived before the handshake failed, which is enough to report it.
    } catch (UnknownHostException e) {
      throw new CheckFailure(
          Reasons.UNREACHABLE, "check tls: host of endpoint " + text + " not found", e);
    } catch (IOException | IllegalArgumentException e) {
      if (expired.get()) {
        throw timedOut(e);
      }
      throw new CheckFailure(
          Reasons.UNREACHABLE, "check tls: could not connect to " + text + ": " + e.getMessage(), e);
    }
  }

  private void runHandshake(SSLContext context, Socket plain) throws IOException {
    try (SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(plain, endpoint.host(), endpoint.port(), true)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (!endpoint.isIpLiteral()) {
        parameters.setServerNames(List.of(new SNIHostName(endpoint.host())));
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
    }
  }

  private CheckFailure timedOut(Exception cause) {
    return new CheckFailure(Reasons.TIMEOUT,
        "check tls: endpoint " + text + " timed out after " + timeout.toMillis() + " ms", cause);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // The probe fails with a timeout either way.
    }
  }

  private void logVerificationChange(String error) {
    if (!Objects.equals(error, lastVerificationError)) {
      if (error == null) {
        LOG.info("check tls: endpoint {} verifies again", text);
      } else {
        LOG.warn("check tls: endpoint {} does not verify: {}", text, error);
      }
      lastVerificationError = error;
    }
  }

  static List<Sample> samplesOf(String endpoint, List<X509Certificate> chain, boolean verified) {
    Map<String, String> endpointLabel = Map.of(MetricNames.LABEL_ENDPOINT, endpoint);
    List<Sample> samples = new ArrayList<>();
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      long notAfter = certificate.getNotAfter().getTime() / 1000;
      earliest = Math.min(earliest, notAfter);
      Map<String, String> labels = new HashMap<>(endpointLabel);
      labels.put(MetricNames.LABEL_INDEX, Integer.toString(i));
      labels.put(
          MetricNames.LABEL_SUBJECT, CertificateNames.label(certificate.getSubjectX500Principal()));
      labels.put(
          MetricNames.LABEL_ISSUER, CertificateNames.label(certificate.getIssuerX500Principal()));
      samples.add(
          Sample.gauge(MetricNames.TLS_CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS, labels, notAfter));
    }
    samples.add(
        Sample.gauge(
            MetricNames.TLS_LEAF_NOT_AFTER_TIMESTAMP_SECONDS,
            endpointLabel,
            chain.get(0).getNotAfter().getTime() / 1000));
    samples.add(
        Sample.gauge(MetricNames.TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS, endpointLabel, earliest));
    samples.add(Sample.gauge(MetricNames.TLS_VERIFIED, endpointLabel, verified ? 1 : 0));
    return samples;
  }

  /** Returns the JDK's default trust manager, backed by its {@code cacerts} store. */
  static X509ExtendedTrustManager defaultTrust() {
    return trustOf(null);
  }

  /**
   * Returns a trust manager for a key store, or the JDK default for {@code null}.
   *
   * @throws IllegalStateException when the JDK offers no X.509 trust manager
   */
  static X509ExtendedTrustManager trustOf(KeyStore store) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          return extended;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not load the JDK trust store: " + e, e);
    }
    throw new IllegalStateException("the JDK offers no X.509 trust manager");
  }
}
