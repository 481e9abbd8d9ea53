package dev.opsbook.exporter.collect.certificate;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.ItemFailures;
import dev.opsbook.exporter.collect.ItemFailures.ItemFailure;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.certificate.CertificateDecoder.CertificateFileException;
import dev.opsbook.exporter.collect.certificate.CertificateFilesParser.FileContent;
import dev.opsbook.exporter.collect.certificate.CertificateFilesParser.OutputFormatException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validity of the certificates in files on a host, decoded in Java. A file that is missing,
 * unreadable, too large, broken or without a certificate fails on its own with an
 * {@code opsbook_check_failure_info} sample for its path, and the other files still report.
 */
public final class CertificateFilesCheck implements HostCheck {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateFilesCheck.class);

  private final List<String> paths;
  private final Duration interval;
  private final String command;
  private final ItemFailures itemFailures;

  /**
   * @throws IllegalArgumentException when a path contains a NUL byte
   */
  public CertificateFilesCheck(List<String> paths, Duration interval) {
    this.paths = List.copyOf(paths);
    this.interval = interval;
    this.command = CertificateFilesCommand.build(this.paths);
    this.itemFailures = new ItemFailures(LOG, name(), MetricNames.LABEL_PATH);
  }

  @Override
  public String name() {
    return MetricNames.CHECK_CERTIFICATE_FILES;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    String host = runner.hostName();
    CommandResult result =
        CheckCommands.runSuccessful(runner, name(), command, CheckCommands.timeoutFor(interval));
    List<FileContent> files;
    try {
      files =
          CertificateFilesParser.parse(
              CheckCommands.decodeUtf8(result.stdout(), host, name(), "command output"),
              paths.size());
    } catch (OutputFormatException e) {
      throw new CheckFailure(
          Reasons.PARSE_ERROR, "check certificate_files on host " + host + ": " + e.getMessage(), e);
    }
    List<Sample> samples = new ArrayList<>();
    List<ItemFailure> failures = new ArrayList<>();
    for (FileContent file : files) {
      String path = paths.get(file.index());
      String prefix = "check certificate_files on host " + host + ": file " + path;
      if (file.errorReason() != null) {
        failures.add(new ItemFailure(path, file.errorReason(), prefix + ": " + file.errorReason()));
      } else if (file.content().length > CertificateFilesCommand.MAX_FILE_BYTES) {
        failures.add(
            new ItemFailure(
                path,
                Reasons.TOO_LARGE,
                prefix + " is larger than " + CertificateFilesCommand.MAX_FILE_BYTES + " bytes"));
      } else {
        try {
          samples.addAll(samplesOf(path, CertificateDecoder.decode(file.content())));
        } catch (CertificateFileException e) {
          String reason = e.noCertificate() ? Reasons.NO_CERTIFICATE : Reasons.PARSE_ERROR;
          failures.add(new ItemFailure(path, reason, prefix + ": " + e.getMessage()));
        }
      }
    }
    return itemFailures.combine(paths, samples, failures);
  }

  static List<Sample> samplesOf(String path, List<X509Certificate> certificates) {
    List<Sample> samples = new ArrayList<>();
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < certificates.size(); i++) {
      X509Certificate certificate = certificates.get(i);
      Map<String, String> labels =
          Map.of(
              MetricNames.LABEL_PATH, path,
              MetricNames.LABEL_INDEX, Integer.toString(i),
              MetricNames.LABEL_SUBJECT, CertificateNames.label(certificate.getSubjectX500Principal()),
              MetricNames.LABEL_ISSUER, CertificateNames.label(certificate.getIssuerX500Principal()));
      long notAfter = certificate.getNotAfter().getTime() / 1000;
      long notBefore = certificate.getNotBefore().getTime() / 1000;
      samples.add(
          Sample.gauge(MetricNames.CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS, labels, notAfter));
      samples.add(
          Sample.gauge(MetricNames.CERTIFICATE_NOT_BEFORE_TIMESTAMP_SECONDS, labels, notBefore));
      earliest = Math.min(earliest, notAfter);
    }
    samples.add(
        Sample.gauge(
            MetricNames.CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS,
            Map.of(MetricNames.LABEL_PATH, path),
            earliest));
    return samples;
  }
}
