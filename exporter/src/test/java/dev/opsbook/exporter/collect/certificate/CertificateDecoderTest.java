package dev.opsbook.exporter.collect.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.TestPki;
import dev.opsbook.exporter.collect.TestPki.Issued;
import dev.opsbook.exporter.collect.certificate.CertificateDecoder.CertificateFileException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CertificateDecoderTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void decodesBundleInFileOrder() throws Exception {
    Issued root = TestPki.selfSigned("CN=Root", NOW, NOW.plus(3650, ChronoUnit.DAYS));
    Issued leaf = TestPki.issue(root, "CN=leaf", NOW, NOW.plus(90, ChronoUnit.DAYS), false, null);
    byte[] bundle =
        TestPki.pem(leaf.certificate(), root.certificate()).getBytes(StandardCharsets.US_ASCII);

    List<X509Certificate> certificates = CertificateDecoder.decode(bundle);

    assertThat(certificates).containsExactly(leaf.certificate(), root.certificate());
  }

  @Test
  void skipsKeyAndText() throws Exception {
    Issued cert = TestPki.selfSigned("CN=with key", NOW, NOW.plus(30, ChronoUnit.DAYS));
    String text =
        "Certificate:\n    Subject: CN=with key\n"
            + TestPki.pem(cert.keys().getPrivate())
            + "some notes\n"
            + TestPki.pem(cert.certificate());

    List<X509Certificate> certificates =
        CertificateDecoder.decode(text.getBytes(StandardCharsets.US_ASCII));

    assertThat(certificates).containsExactly(cert.certificate());
  }

  @Test
  void decodesDer() throws Exception {
    Issued cert = TestPki.selfSigned("CN=der", NOW, NOW.plus(30, ChronoUnit.DAYS));

    assertThat(CertificateDecoder.decode(cert.certificate().getEncoded()))
        .containsExactly(cert.certificate());
  }

  @Test
  void keyOnlyFileHasNoCertificate() throws Exception {
    String key = TestPki.pem(TestPki.newKeyPair().getPrivate());

    assertThatThrownBy(() -> CertificateDecoder.decode(key.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(CertificateFileException.class)
        .hasMessageContaining("no CERTIFICATE block")
        .hasMessageNotContaining("MII")
        .matches(e -> ((CertificateFileException) e).noCertificate());
  }

  @Test
  void rejectsBrokenCertificateBlock() {
    String broken = "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n";

    assertThatThrownBy(() -> CertificateDecoder.decode(broken.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(CertificateFileException.class)
        .hasMessageContaining("PEM block 1 (CERTIFICATE) is not a valid X.509 certificate")
        .matches(e -> !((CertificateFileException) e).noCertificate());
  }

  @Test
  void rejectsPlainText() {
    assertThatThrownBy(() -> CertificateDecoder.decode("hello\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(CertificateFileException.class)
        .hasMessageContaining("neither PEM nor DER");
  }

  @Test
  void labelPutsCnFirstAndCuts() {
    X500Principal principal = new X500Principal("O=Example Org,CN=api.example.com,C=DE");
    String longCn = "CN=" + "a".repeat(200);

    assertThat(CertificateNames.label(principal)).isEqualTo("CN=api.example.com,O=Example Org,C=DE");
    assertThat(CertificateNames.label(new X500Principal(longCn))).hasSize(128);
  }
}
