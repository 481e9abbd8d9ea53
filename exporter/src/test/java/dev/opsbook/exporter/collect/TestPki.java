package dev.opsbook.exporter.collect;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues test certificates with Bouncy Castle. */
public final class TestPki {

  private static final AtomicLong SERIALS = new AtomicLong(1000);

  /** A certificate and its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  private TestPki() {}

  public static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** Issues a self-signed CA certificate. */
  public static Issued selfSigned(String subject, Instant notBefore, Instant notAfter)
      throws Exception {
    KeyPair keys = newKeyPair();
    X509Certificate certificate =
        build(subject, subject, keys.getPrivate(), keys.getPublic(), notBefore, notAfter, true, null);
    return new Issued(certificate, keys);
  }

  /**
   * Issues a certificate signed by {@code issuer}.
   *
   * @param dnsName subject alternative name, or {@code null} for none
   */
  public static Issued issue(
      Issued issuer, String subject, Instant notBefore, Instant notAfter, boolean ca, String dnsName)
      throws Exception {
    KeyPair keys = newKeyPair();
    X509Certificate certificate =
        build(
            subject,
            issuer.certificate().getSubjectX500Principal().getName(),
            issuer.keys().getPrivate(),
            keys.getPublic(),
            notBefore,
            notAfter,
            ca,
            dnsName);
    return new Issued(certificate, keys);
  }

  private static X509Certificate build(
      String subject,
      String issuer,
      PrivateKey signingKey,
      PublicKey publicKey,
      Instant notBefore,
      Instant notAfter,
      boolean ca,
      String dnsName)
      throws Exception {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(SERIALS.incrementAndGet()),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Name(subject),
            publicKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (dnsName != null) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    }
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  /** Returns the PEM text of certificates or keys. */
  public static String pem(Object... objects) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    }
    return text.toString();
  }
}
