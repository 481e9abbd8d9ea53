package dev.opsbook.exporter.collect.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that records the chain the server sent and whether the delegate trusts it,
 * then lets the handshake go on either way, so an untrusted or expired chain can still be
 * reported. The socket variant passes the socket to the delegate, which then also checks the
 * host name when the socket's endpoint identification algorithm is {@code HTTPS}. One instance
 * serves one handshake.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager delegate;
  private volatile List<X509Certificate> chain;
  private volatile String verificationError;

  RecordingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  /** Returns the chain the server sent, leaf first, or null before the handshake got there. */
  List<X509Certificate> chain() {
    return chain;
  }

  /** Returns why verification failed, or null when the chain and host name verified. */
  String verificationError() {
    return verificationError;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) {
    chain = List.of(certificates);
    try {
      delegate.checkServerTrusted(certificates, authType, socket);
    } catch (CertificateException | RuntimeException e) {
      verificationError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
    chain = List.of(certificates);
    try {
      delegate.checkServerTrusted(certificates, authType, engine);
    } catch (CertificateException | RuntimeException e) {
      verificationError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType) {
    chain = List.of(certificates);
    try {
      delegate.checkServerTrusted(certificates, authType);
    } catch (CertificateException | RuntimeException e) {
      verificationError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks servers");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks servers");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
