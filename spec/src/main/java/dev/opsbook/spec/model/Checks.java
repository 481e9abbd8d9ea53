package dev.opsbook.spec.model;

import java.util.List;
import java.util.Map;

/**
 * Operational checks with their thresholds. A {@code null} component means the spec does not
 * configure that check, so neither the exporter nor the rules include it.
 */
public record Checks(
    ServiceUnits serviceUnits,
    StatusEndpoint statusEndpoint,
    Disk disk,
    Certificates certificates,
    Backups backups,
    Journal journal,
    Uptime uptime,
    Updates updates,
    Capacity capacity,
    ExporterHealth exporterHealth) {

  /**
   * Returns true when no check is configured. The {@code exporter} section does not count,
   * because it only tunes the alerts on the other checks.
   */
  public boolean isEmpty() {
    return serviceUnits == null
        && statusEndpoint == null
        && disk == null
        && certificates == null
        && backups == null
        && journal == null
        && uptime == null
        && updates == null
        && capacity == null;
  }

  /**
   * systemd units that must be active, and timers that must be scheduled.
   *
   * @param units service units such as {@code godot-spacetime.service}
   * @param timers timer units such as {@code certbot.timer}
   * @param interval collection interval
   */
  public record ServiceUnits(List<String> units, List<String> timers, PromDuration interval) {
    public ServiceUnits {
      units = List.copyOf(units);
      timers = List.copyOf(timers);
    }
  }

  /**
   * The service's JSON status endpoint, probed from the exporter.
   *
   * @param url endpoint URL
   * @param timeout probe timeout
   * @param readyField JSON field path of the overall readiness boolean, such as
   *     {@code overall_ready}
   * @param components component name to JSON field path of its numeric state, such as {@code dap}
   *     to {@code debug_adapter.state}
   * @param expectedState the state every component must report, 2 (connected) for DAP and LSP
   * @param interval collection interval
   */
  public record StatusEndpoint(
      String url,
      PromDuration timeout,
      String readyField,
      Map<String, String> components,
      int expectedState,
      PromDuration interval) {
    public StatusEndpoint {
      components = OrderedCopies.map(components);
    }
  }

  /**
   * Filesystem usage on each host.
   *
   * @param paths paths whose filesystem is measured, such as {@code /opt/spacetime}
   * @param warningPercent used percentage that opens a ticket
   * @param criticalPercent used percentage that pages
   * @param interval collection interval
   */
  public record Disk(
      List<String> paths, double warningPercent, double criticalPercent, PromDuration interval) {
    public Disk {
      paths = List.copyOf(paths);
    }
  }

  /**
   * Certificate files on the hosts and TLS endpoints probed from the exporter.
   *
   * @param files PEM or DER files read on every host
   * @param endpoints {@code host:port} TLS endpoints, probed with SNI set to the host
   * @param minValidity remaining validity below which an alert fires, 30 days in the runbook
   * @param interval collection interval
   */
  public record Certificates(
      List<String> files, List<String> endpoints, PromDuration minValidity, PromDuration interval) {
    public Certificates {
      files = List.copyOf(files);
      endpoints = List.copyOf(endpoints);
    }
  }

  /**
   * Backup archives in one directory, counted per retention tier.
   *
   * @param directory directory that contains the archives
   * @param tiers retention tiers such as daily, weekly and monthly
   * @param interval collection interval of the listing
   * @param verifyInterval interval of the integrity check of the newest archive
   */
  public record Backups(
      String directory, List<BackupTier> tiers, PromDuration interval, PromDuration verifyInterval) {
    public Backups {
      tiers = List.copyOf(tiers);
    }
  }

  /**
   * One retention tier.
   *
   * @param name tier name such as {@code daily}, used as the {@code tier} label
   * @param pattern shell glob of file names in this tier, relative to the backup directory, such
   *     as {@code daily/*.tar.gz}
   * @param minCount the number of archives the tier must keep
   * @param maxAge the newest archive must be younger than this
   */
  public record BackupTier(String name, String pattern, int minCount, PromDuration maxAge) {}

  /**
   * Journal error counting.
   *
   * @param units units whose lines are counted; empty means the whole journal
   * @param directory journal directory read with {@code journalctl --directory}, or {@code null}
   *     for the system journal
   * @param file single journal file read with {@code journalctl --file}, or {@code null}
   * @param maxErrorsPerDay error-priority lines per host per day that open a ticket
   * @param criticalPatterns patterns that page on any match, such as {@code CRITICAL}
   * @param patterns named patterns counted separately, such as the common error classes
   * @param authFailurePattern pattern of a failed authentication
   * @param maxAuthFailures failed authentications allowed in {@code authFailureWindow}
   * @param authFailureWindow window of the authentication-failure budget, 30 days in the runbook
   * @param interval collection interval
   */
  public record Journal(
      List<String> units,
      String directory,
      String file,
      long maxErrorsPerDay,
      List<String> criticalPatterns,
      Map<String, String> patterns,
      String authFailurePattern,
      long maxAuthFailures,
      PromDuration authFailureWindow,
      PromDuration interval) {
    public Journal {
      units = List.copyOf(units);
      criticalPatterns = List.copyOf(criticalPatterns);
      patterns = OrderedCopies.map(patterns);
    }
  }

  /**
   * Minimum time since boot; a shorter uptime means an unplanned restart to investigate.
   *
   * @param minUptime uptime below which an alert fires
   * @param interval collection interval
   */
  public record Uptime(PromDuration minUptime, PromDuration interval) {}

  /**
   * Pending package updates from apt.
   *
   * @param maxSecurityUpdates pending security updates allowed before an alert fires
   * @param maxAge how long pending security updates may stay before the alert fires
   * @param interval collection interval
   */
  public record Updates(long maxSecurityUpdates, PromDuration maxAge, PromDuration interval) {}

  /**
   * The runbook's scaling thresholds.
   *
   * @param cpuHighPercent CPU utilisation that calls for scaling up when sustained for
   *     {@code highFor}
   * @param memoryHighPercent memory utilisation that calls for scaling up
   * @param highFor how long the high utilisation must last, 7 days in the runbook
   * @param cpuLowPercent CPU utilisation that allows scaling down when sustained for
   *     {@code lowFor}
   * @param memoryLowPercent memory utilisation that allows scaling down
   * @param lowFor how long the low utilisation must last, 30 days in the runbook
   * @param interval collection interval of CPU and memory
   */
  public record Capacity(
      double cpuHighPercent,
      double memoryHighPercent,
      PromDuration highFor,
      double cpuLowPercent,
      double memoryLowPercent,
      PromDuration lowFor,
      PromDuration interval) {}

  /**
   * The exporter's own health.
   *
   * @param maxCheckFailureFor how long a check may keep failing before an alert fires
   */
  public record ExporterHealth(PromDuration maxCheckFailureFor) {}
}
