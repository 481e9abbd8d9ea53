package dev.opsbook.exporter.collect;

import dev.opsbook.exporter.collect.apt.AptCheck;
import dev.opsbook.exporter.collect.backup.BackupIntegrityCheck;
import dev.opsbook.exporter.collect.backup.BackupsCheck;
import dev.opsbook.exporter.collect.certificate.CertificateFilesCheck;
import dev.opsbook.exporter.collect.filesystem.FilesystemCheck;
import dev.opsbook.exporter.collect.host.HostStatsCheck;
import dev.opsbook.exporter.collect.journal.JournalCheck;
import dev.opsbook.exporter.collect.status.StatusEndpointCheck;
import dev.opsbook.exporter.collect.systemd.SystemdUnitsCheck;
import dev.opsbook.exporter.collect.tls.TlsEndpointCheck;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Checks.Backups;
import dev.opsbook.spec.model.Checks.Certificates;
import dev.opsbook.spec.model.Checks.ServiceUnits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the checks that a spec's {@code checks} section configures. A {@code null} section
 * yields no check. Host checks keep per-host state, such as the journal cursor, so each host
 * needs its own instances: call {@link #hostChecks} once per host.
 */
public final class CheckFactory {

  private final Clock clock;

  /** @param clock the exporter's clock, against which backup timestamps are corrected */
  public CheckFactory(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns new host checks for one host.
   *
   * @throws IllegalArgumentException naming the value when a spec value cannot be used, such
   *     as an invalid regex or glob
   */
  public List<HostCheck> hostChecks(Checks checks) {
    List<HostCheck> result = new ArrayList<>();
    ServiceUnits units = checks.serviceUnits();
    if (units != null && !(units.units().isEmpty() && units.timers().isEmpty())) {
      List<String> names = new ArrayList<>(units.units());
      names.addAll(units.timers());
      result.add(new SystemdUnitsCheck(names, units.interval().toDuration()));
    }
    if (checks.disk() != null && !checks.disk().paths().isEmpty()) {
      result.add(new FilesystemCheck(checks.disk().paths(), checks.disk().interval().toDuration()));
    }
    Certificates certificates = checks.certificates();
    if (certificates != null && !certificates.files().isEmpty()) {
      result.add(
          new CertificateFilesCheck(certificates.files(), certificates.interval().toDuration()));
    }
    Backups backups = checks.backups();
    if (backups != null) {
      result.add(
          new BackupsCheck(
              backups.directory(), backups.tiers(), backups.interval().toDuration(), clock));
      result.add(
          new BackupIntegrityCheck(
              backups.directory(), backups.tiers(), backups.verifyInterval().toDuration(), clock));
    }
    if (checks.journal() != null) {
      result.add(new JournalCheck(checks.journal()));
    }
    Duration hostInterval = hostStatsInterval(checks);
    if (hostInterval != null) {
      result.add(new HostStatsCheck(hostInterval));
    }
    if (checks.updates() != null) {
      result.add(new AptCheck(checks.updates().interval().toDuration()));
    }
    return result;
  }

  /**
   * Returns new endpoint checks, run once from the exporter for all hosts.
   *
   * @throws IllegalArgumentException naming the value when an endpoint or URL is invalid
   */
  public List<EndpointCheck> endpointChecks(Checks checks) {
    List<EndpointCheck> result = new ArrayList<>();
    Certificates certificates = checks.certificates();
    if (certificates != null) {
      for (String endpoint : certificates.endpoints()) {
        result.add(new TlsEndpointCheck(endpoint, certificates.interval().toDuration()));
      }
    }
    if (checks.statusEndpoint() != null) {
      result.add(new StatusEndpointCheck(checks.statusEndpoint()));
    }
    return result;
  }

  /**
   * Returns the interval of the host check: the shorter of the uptime and capacity intervals,
   * because both read the same {@code /proc} files, or null when neither is configured.
   */
  private static Duration hostStatsInterval(Checks checks) {
    Duration interval = null;
    if (checks.uptime() != null) {
      interval = checks.uptime().interval().toDuration();
    }
    if (checks.capacity() != null) {
      Duration capacity = checks.capacity().interval().toDuration();
      interval = interval == null || capacity.compareTo(interval) < 0 ? capacity : interval;
    }
    return interval;
  }
}
