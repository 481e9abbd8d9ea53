package dev.opsbook.exporter.server;

import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.spec.MetricNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Type and HELP text of every metric the exporter serves, keyed by the names in {@link
 * MetricNames}. Counter names include {@code _total}, as in {@link MetricNames}.
 */
public final class MetricCatalog {

  /**
   * Metadata of one metric.
   *
   * @param type gauge or counter
   * @param help the HELP line
   */
  public record Entry(Sample.Type type, String help) {}

  private static final Map<String, Entry> ENTRIES = build();

  private MetricCatalog() {}

  /** Returns the metadata of the metric, or {@code null} when the name is not in the catalog. */
  public static Entry get(String name) {
    return ENTRIES.get(name);
  }

  public static Map<String, Entry> all() {
    return ENTRIES;
  }

  private static Map<String, Entry> build() {
    Map<String, Entry> entries = new LinkedHashMap<>();
    // Check health and the exporter itself.
    gauge(entries, MetricNames.CHECK_SUCCESS, "1 when the last run of the check succeeded, else 0.");
    gauge(entries, MetricNames.CHECK_DURATION_SECONDS, "Seconds the last run of the check took.");
    gauge(
        entries,
        MetricNames.CHECK_LAST_SUCCESS_TIMESTAMP_SECONDS,
        "Unix time at which the check last succeeded.");
    gauge(entries, MetricNames.CHECK_FAILURE_INFO, "1 while the check fails, with the reason.");
    gauge(entries, MetricNames.HOST_UP, "1 when the exporter can reach and log in to the host.");
    gauge(entries, MetricNames.EXPORTER_BUILD_INFO, "1, with the exporter's version.");
    gauge(
        entries,
        MetricNames.EXPORTER_SPEC_LOAD_TIMESTAMP_SECONDS,
        "Unix time at which the exporter loaded its spec.");
    counter(
        entries,
        MetricNames.EXPORTER_SKIPPED_RUNS_TOTAL,
        "Runs not started because the previous run of the check was still going.");
    counter(
        entries,
        MetricNames.EXPORTER_DUPLICATE_SAMPLES_TOTAL,
        "Samples left out of scrapes because an earlier sample had the same name and labels;"
            + " grows on every scrape while a duplicate exists.");
    counter(
        entries,
        MetricNames.EXPORTER_INVALID_SAMPLES_TOTAL,
        "Samples left out of scrapes because of an invalid metric name, type or value;"
            + " grows on every scrape while such a sample exists.");
    addHostMetrics(entries);
    addProbeMetrics(entries);
    return Map.copyOf(entries);
  }

  private static void addHostMetrics(Map<String, Entry> entries) {
    gauge(entries, MetricNames.FILESYSTEM_SIZE_BYTES, "Size of the filesystem in bytes.");
    gauge(
        entries,
        MetricNames.FILESYSTEM_AVAIL_BYTES,
        "Bytes available to unprivileged users on the filesystem.");
    gauge(entries, MetricNames.FILESYSTEM_USED_BYTES, "Bytes used on the filesystem.");
    gauge(
        entries,
        MetricNames.CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS,
        "Unix time at which a certificate in a file on the host expires.");
    gauge(
        entries,
        MetricNames.CERTIFICATE_NOT_BEFORE_TIMESTAMP_SECONDS,
        "Unix time from which a certificate in a file on the host is valid.");
    gauge(
        entries,
        MetricNames.CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS,
        "Unix time at which the first certificate in the file expires.");
    gauge(entries, MetricNames.BACKUP_COUNT, "Number of backup archives in the tier.");
    gauge(
        entries,
        MetricNames.BACKUP_NEWEST_TIMESTAMP_SECONDS,
        "Modification time of the tier's newest archive, corrected for the host's clock offset.");
    gauge(entries, MetricNames.BACKUP_SIZE_BYTES, "Size in bytes of the tier's newest archive.");
    gauge(
        entries,
        MetricNames.BACKUP_NEWEST_INTACT,
        "1 when tar lists the tier's newest archive without error, else 0.");
    counter(
        entries,
        MetricNames.JOURNAL_ERROR_LINES_TOTAL,
        "Journal lines at priority err or more severe.");
    counter(
        entries,
        MetricNames.JOURNAL_PATTERN_LINES_TOTAL,
        "Journal lines that match the named pattern.");
    gauge(entries, MetricNames.SYSTEMD_UNIT_ACTIVE, "1 when the systemd unit is active, else 0.");
    gauge(entries, MetricNames.SYSTEMD_UNIT_INFO, "1, with the unit's active, sub and load state.");
    counter(entries, MetricNames.SYSTEMD_UNIT_RESTARTS_TOTAL, "Restarts of the unit by systemd.");
    gauge(
        entries,
        MetricNames.SYSTEMD_UNIT_ACTIVE_ENTER_TIMESTAMP_SECONDS,
        "Unix time at which the unit last entered the active state.");
    gauge(entries, MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, "Unix time at which the host booted.");
    gauge(entries, MetricNames.HOST_BOOT_INFO, "1, with the host's current boot id.");
    counter(
        entries, MetricNames.HOST_CPU_SECONDS_TOTAL, "Seconds the host's CPUs spent in each mode.");
    gauge(entries, MetricNames.HOST_MEMORY_TOTAL_BYTES, "Total memory of the host in bytes.");
    gauge(
        entries,
        MetricNames.HOST_MEMORY_AVAILABLE_BYTES,
        "Memory available for new work on the host in bytes.");
    gauge(entries, MetricNames.APT_UPGRADES_PENDING, "Package upgrades apt would install.");
    gauge(
        entries,
        MetricNames.APT_SECURITY_UPGRADES_PENDING,
        "Pending package upgrades from a security archive.");
    gauge(entries, MetricNames.APT_HELD_PACKAGES, "Packages held back from upgrades.");
    gauge(
        entries,
        MetricNames.APT_PHASED_UPGRADES_DEFERRED,
        "Upgrades apt defers because of phased updates.");
  }

  private static void addProbeMetrics(Map<String, Entry> entries) {
    gauge(
        entries,
        MetricNames.TLS_LEAF_NOT_AFTER_TIMESTAMP_SECONDS,
        "Unix time at which the endpoint's leaf certificate expires.");
    gauge(
        entries,
        MetricNames.TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS,
        "Unix time at which the first certificate of the endpoint's chain expires.");
    gauge(
        entries,
        MetricNames.TLS_CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS,
        "Unix time at which the certificate at this chain index expires.");
    gauge(
        entries,
        MetricNames.TLS_VERIFIED,
        "1 when the chain verifies against the trust store and the host name, else 0.");
    gauge(
        entries,
        MetricNames.STATUS_HTTP_STATUS_CODE,
        "HTTP status code of the last status endpoint probe.");
    gauge(
        entries,
        MetricNames.STATUS_PROBE_DURATION_SECONDS,
        "Seconds the last status endpoint probe took.");
    gauge(
        entries,
        MetricNames.STATUS_READY,
        "1 when the status endpoint answered 2xx and reported ready, else 0.");
    gauge(
        entries,
        MetricNames.STATUS_COMPONENT_STATE,
        "Numeric state of the component from the status endpoint; 2 means connected.");
  }

  private static void gauge(Map<String, Entry> entries, String name, String help) {
    entries.put(name, new Entry(Sample.Type.GAUGE, help));
  }

  private static void counter(Map<String, Entry> entries, String name, String help) {
    entries.put(name, new Entry(Sample.Type.COUNTER, help));
  }
}
