package dev.opsbook.exporter.collect.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.NobodyRunner;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.collect.TestPki;
import dev.opsbook.exporter.collect.TestPki.Issued;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.spec.MetricNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesCheckTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir Path temp;

  private final LocalRunner local = new LocalRunner("local", 8 << 20);

  @Test
  void reportsEveryCertificateAndFailsBrokenFiles() throws Exception {
    Issued root = TestPki.selfSigned("CN=Test Root,O=Opsbook", NOW, NOW.plus(3650, ChronoUnit.DAYS));
    Issued intermediate =
        TestPki.issue(root, "CN=Test Intermediate", NOW, NOW.plus(20, ChronoUnit.DAYS), true, null);
    Issued leaf =
        TestPki.issue(intermediate, "CN=api.example.com", NOW, NOW.plus(60, ChronoUnit.DAYS), false, null);
    Issued expired =
        TestPki.selfSigned(
            "CN=expired", NOW.minus(30, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS));
    Path bundle = write("bundle.pem", TestPki.pem(leaf.certificate(), intermediate.certificate()));
    Path withKey =
        write("with key.pem", TestPki.pem(expired.keys().getPrivate()) + "notes\n"
            + TestPki.pem(expired.certificate()));
    Path der = Files.write(temp.resolve("leaf.der"), leaf.certificate().getEncoded());
    Path keyOnly = write("key.pem", TestPki.pem(leaf.keys().getPrivate()));
    Path broken = write("broken.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    Path tooLarge = Files.write(temp.resolve("large.pem"), new byte[(1 << 20) + 10]);
    Path missing = temp.resolve("missing.pem");
    List<String> paths =
        List.of(bundle, withKey, der, keyOnly, broken, tooLarge, missing, temp).stream()
            .map(Path::toString)
            .toList();
    CertificateFilesCheck check = new CertificateFilesCheck(paths, Duration.ofHours(1));

    List<Sample> samples = check.collect(local);

    Map<String, String> leafLabels =
        Map.of(
            MetricNames.LABEL_PATH, bundle.toString(),
            MetricNames.LABEL_INDEX, "0",
            MetricNames.LABEL_SUBJECT, "CN=api.example.com",
            MetricNames.LABEL_ISSUER, "CN=Test Intermediate");
    assertThat(Samples.value(samples, MetricNames.CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS, leafLabels))
        .isEqualTo(seconds(NOW.plus(60, ChronoUnit.DAYS)));
    assertThat(Samples.value(samples, MetricNames.CERTIFICATE_NOT_BEFORE_TIMESTAMP_SECONDS, leafLabels))
        .isEqualTo(seconds(NOW));
    Map<String, String> intermediateLabels =
        Map.of(
            MetricNames.LABEL_PATH, bundle.toString(),
            MetricNames.LABEL_INDEX, "1",
            MetricNames.LABEL_ISSUER, "CN=Test Root,O=Opsbook");
    assertThat(
            Samples.value(
                samples, MetricNames.CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS, intermediateLabels))
        .isEqualTo(seconds(NOW.plus(20, ChronoUnit.DAYS)));
    assertThat(earliest(samples, bundle)).isEqualTo(seconds(NOW.plus(20, ChronoUnit.DAYS)));
    assertThat(earliest(samples, withKey)).isEqualTo(seconds(NOW.minus(1, ChronoUnit.DAYS)));
    assertThat(earliest(samples, der)).isEqualTo(seconds(NOW.plus(60, ChronoUnit.DAYS)));
    assertThat(failureReason(samples, keyOnly)).isEqualTo("no_certificate");
    assertThat(failureReason(samples, broken)).isEqualTo("parse_error");
    assertThat(failureReason(samples, tooLarge)).isEqualTo("too_large");
    assertThat(failureReason(samples, missing)).isEqualTo("not_found");
    assertThat(failureReason(samples, temp)).isEqualTo("not_a_file");
    assertThat(Samples.find(samples, MetricNames.CHECK_FAILURE_INFO, Map.of())).hasSize(5);
  }

  @Test
  void quotesPathWithShellSyntax() throws Exception {
    Issued cert = TestPki.selfSigned("CN=quoted", NOW, NOW.plus(5, ChronoUnit.DAYS));
    String name = "x'; touch opsbook-pwned; $(touch opsbook-pwned) `touch opsbook-pwned` '";
    Path odd = write(name, TestPki.pem(cert.certificate()));
    CertificateFilesCheck check =
        new CertificateFilesCheck(List.of(odd.toString()), Duration.ofHours(1));

    List<Sample> samples = check.collect(local);

    assertThat(earliest(samples, odd)).isEqualTo(seconds(NOW.plus(5, ChronoUnit.DAYS)));
    assertThat(Path.of("opsbook-pwned")).doesNotExist();
    assertThat(temp.resolve("opsbook-pwned")).doesNotExist();
  }

  @Test
  void unreadableFileIsPermissionDenied() throws Exception {
    Issued cert = TestPki.selfSigned("CN=readable", NOW, NOW.plus(5, ChronoUnit.DAYS));
    Path readable = write("readable.pem", TestPki.pem(cert.certificate()));
    Path secret = write("secret.pem", TestPki.pem(cert.certificate()));
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    CertificateFilesCheck check =
        new CertificateFilesCheck(
            List.of(readable.toString(), secret.toString()), Duration.ofHours(1));

    List<Sample> samples = check.collect(new NobodyRunner(local));

    assertThat(earliest(samples, readable)).isEqualTo(seconds(NOW.plus(5, ChronoUnit.DAYS)));
    assertThat(failureReason(samples, secret)).isEqualTo("permission_denied");
  }

  @Test
  void failsWhenEveryFileFails() {
    String missing = temp.resolve("none.pem").toString();
    CertificateFilesCheck check = new CertificateFilesCheck(List.of(missing), Duration.ofHours(1));

    assertThatThrownBy(() -> check.collect(local))
        .isInstanceOf(CheckFailure.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("host local")
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("not_found");
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(temp.resolve(name), text, StandardCharsets.US_ASCII);
  }

  private static double seconds(Instant instant) {
    return instant.getEpochSecond();
  }

  private static double earliest(List<Sample> samples, Path path) {
    return Samples.value(
        samples,
        MetricNames.CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS,
        Map.of(MetricNames.LABEL_PATH, path.toString()));
  }

  private static String failureReason(List<Sample> samples, Path path) {
    List<Sample> found =
        Samples.find(
            samples, MetricNames.CHECK_FAILURE_INFO, Map.of(MetricNames.LABEL_PATH, path.toString()));
    assertThat(found).as("failure of " + path).hasSize(1);
    return found.get(0).labels().get(MetricNames.LABEL_REASON);
  }
}
