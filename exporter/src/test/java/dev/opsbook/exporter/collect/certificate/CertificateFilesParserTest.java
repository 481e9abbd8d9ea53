package dev.opsbook.exporter.collect.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.certificate.CertificateFilesParser.FileContent;
import dev.opsbook.exporter.collect.certificate.CertificateFilesParser.OutputFormatException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateFilesParserTest {

  @Test
  void parsesRealOutputOfThreePaths() throws Exception {
    List<FileContent> files =
        CertificateFilesParser.parse(Resources.text("certificate/read-files.txt"), 3);

    assertThat(files).hasSize(3);
    List<X509Certificate> certificates = CertificateDecoder.decode(files.get(0).content());
    assertThat(certificates).hasSize(1);
    X509Certificate certificate = certificates.get(0);
    assertThat(certificate.getNotAfter().getTime() / 1000).isEqualTo(1804130660L);
    assertThat(certificate.getNotBefore().getTime() / 1000).isEqualTo(1796354660L);
    assertThat(CertificateNames.label(certificate.getSubjectX500Principal()))
        .isEqualTo("CN=api.example.com,O=Opsbook Test,C=DE");
    assertThat(files.get(1).errorReason()).isEqualTo("not_found");
    assertThat(files.get(2).errorReason()).isEqualTo("not_a_file");
  }

  @Test
  void rejectsMissingFileSection() {
    String output = Resources.text("certificate/read-files.txt");

    assertThatThrownBy(() -> CertificateFilesParser.parse(output, 4))
        .isInstanceOf(OutputFormatException.class)
        .hasMessageContaining("3 files, expected 4");
  }

  @Test
  void rejectsInvalidBase64() {
    assertThatThrownBy(() -> CertificateFilesParser.parse("==opsbook-cert== 0\n%%%%\n", 1))
        .isInstanceOf(OutputFormatException.class)
        .hasMessageContaining("base64 content of file 0 is invalid");
  }
}
