package dev.opsbook.spec;

/**
 * Names of the metrics the exporter serves and the generated rules read. Both modules use these
 * constants, so a renamed metric breaks the build instead of silently breaking an alert.
 *
 * <p>Every host-level sample carries the {@link #LABEL_HOST} label. Where a concern overlaps with
 * node_exporter, the label names follow it ({@code device}, {@code mountpoint}, {@code fstype}).
 * Ages are never exported: timestamps are, and Prometheus computes the age with {@code time()}.
 */
public final class MetricNames {

  public static final String PREFIX = "opsbook_";

  // Labels.
  public static final String LABEL_HOST = "host";
  public static final String LABEL_CHECK = "check";
  public static final String LABEL_REASON = "reason";
  public static final String LABEL_DEVICE = "device";
  public static final String LABEL_MOUNTPOINT = "mountpoint";
  public static final String LABEL_FSTYPE = "fstype";
  public static final String LABEL_PATH = "path";
  public static final String LABEL_ENDPOINT = "endpoint";
  public static final String LABEL_INDEX = "index";
  public static final String LABEL_SUBJECT = "subject";
  public static final String LABEL_ISSUER = "issuer";
  public static final String LABEL_TIER = "tier";
  public static final String LABEL_UNIT = "unit";
  public static final String LABEL_PATTERN = "pattern";
  public static final String LABEL_STATE = "state";
  public static final String LABEL_ACTIVE_STATE = "active_state";
  public static final String LABEL_SUB_STATE = "sub_state";
  public static final String LABEL_LOAD_STATE = "load_state";
  public static final String LABEL_MODE = "mode";
  public static final String LABEL_COMPONENT = "component";
  public static final String LABEL_BOOT_ID = "boot_id";

  // Check health: one series per host and check. Check names are the CHECK_* constants.
  /** Gauge, 1 when the last run of the check succeeded, else 0. */
  public static final String CHECK_SUCCESS = PREFIX + "check_success";
  /** Gauge, seconds the last run took. */
  public static final String CHECK_DURATION_SECONDS = PREFIX + "check_duration_seconds";
  /** Gauge, Unix time of the last successful run. */
  public static final String CHECK_LAST_SUCCESS_TIMESTAMP_SECONDS =
      PREFIX + "check_last_success_timestamp_seconds";
  /** Gauge, 1 with a bounded {@code reason} label while the check fails. */
  public static final String CHECK_FAILURE_INFO = PREFIX + "check_failure_info";
  /** Gauge, 1 when the exporter can reach the host (SSH session open, or local). */
  public static final String HOST_UP = PREFIX + "host_up";

  // The exporter's own health.
  /** Gauge, 1, with the exporter's {@code version} label. */
  public static final String EXPORTER_BUILD_INFO = PREFIX + "exporter_build_info";
  /** Gauge, Unix time at which the exporter loaded its spec. */
  public static final String EXPORTER_SPEC_LOAD_TIMESTAMP_SECONDS =
      PREFIX + "exporter_spec_load_timestamp_seconds";
  /** Counter per host and check: runs not started because the previous run was still going. */
  public static final String EXPORTER_SKIPPED_RUNS_TOTAL = PREFIX + "exporter_skipped_runs_total";
  /** Counter: samples left out of a scrape because another sample had the same name and labels. */
  public static final String EXPORTER_DUPLICATE_SAMPLES_TOTAL =
      PREFIX + "exporter_duplicate_samples_total";
  /** Counter: samples left out of a scrape because their metric name or type was invalid. */
  public static final String EXPORTER_INVALID_SAMPLES_TOTAL =
      PREFIX + "exporter_invalid_samples_total";

  // Filesystem, from POSIX df.
  public static final String FILESYSTEM_SIZE_BYTES = PREFIX + "filesystem_size_bytes";
  public static final String FILESYSTEM_AVAIL_BYTES = PREFIX + "filesystem_avail_bytes";
  public static final String FILESYSTEM_USED_BYTES = PREFIX + "filesystem_used_bytes";

  // Certificate files on hosts; labels host, path, index, subject, issuer.
  public static final String CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS =
      PREFIX + "certificate_not_after_timestamp_seconds";
  public static final String CERTIFICATE_NOT_BEFORE_TIMESTAMP_SECONDS =
      PREFIX + "certificate_not_before_timestamp_seconds";
  /** Gauge per host and path: the earliest not-after of all certificates in the file. */
  public static final String CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS =
      PREFIX + "certificate_file_earliest_not_after_timestamp_seconds";

  // TLS endpoints probed from the exporter; label endpoint.
  public static final String TLS_LEAF_NOT_AFTER_TIMESTAMP_SECONDS =
      PREFIX + "tls_leaf_not_after_timestamp_seconds";
  public static final String TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS =
      PREFIX + "tls_earliest_not_after_timestamp_seconds";
  /** Gauge per endpoint and chain index, with subject and issuer labels. */
  public static final String TLS_CERTIFICATE_NOT_AFTER_TIMESTAMP_SECONDS =
      PREFIX + "tls_certificate_not_after_timestamp_seconds";
  /** Gauge, 1 when the chain verifies against the exporter's trust store and the host name. */
  public static final String TLS_VERIFIED = PREFIX + "tls_verified";

  // Backups; labels host, tier.
  /**
   * Gauge per tier: the number of archives. Not named {@code _count}, a suffix that promtool
   * reserves for histograms and summaries.
   */
  public static final String BACKUP_COUNT = PREFIX + "backup_archives";
  /** Gauge, modification time of the newest archive, corrected for the host's clock offset. */
  public static final String BACKUP_NEWEST_TIMESTAMP_SECONDS =
      PREFIX + "backup_newest_timestamp_seconds";
  public static final String BACKUP_SIZE_BYTES = PREFIX + "backup_size_bytes";
  /** Gauge, 1 when {@code tar -tzf} lists the newest archive of the tier without error. */
  public static final String BACKUP_NEWEST_INTACT = PREFIX + "backup_newest_intact";

  // Journal; counters that rules read with increase().
  /** Counter per host: journal lines at priority err or more severe. */
  public static final String JOURNAL_ERROR_LINES_TOTAL = PREFIX + "journal_error_lines_total";
  /** Counter per host and pattern name. */
  public static final String JOURNAL_PATTERN_LINES_TOTAL = PREFIX + "journal_pattern_lines_total";
  /** Pattern label value of the critical patterns together. */
  public static final String PATTERN_CRITICAL = "critical";
  /** Pattern label value of failed authentications. */
  public static final String PATTERN_AUTH_FAILURE = "auth_failure";

  // systemd units; labels host, unit.
  /** Gauge, 1 when ActiveState is active (for timers: active and waiting). */
  public static final String SYSTEMD_UNIT_ACTIVE = PREFIX + "systemd_unit_active";
  /** Gauge, 1, with active_state, sub_state and load_state labels. */
  public static final String SYSTEMD_UNIT_INFO = PREFIX + "systemd_unit_info";
  /** Counter, systemd's NRestarts of the unit. */
  public static final String SYSTEMD_UNIT_RESTARTS_TOTAL = PREFIX + "systemd_unit_restarts_total";
  public static final String SYSTEMD_UNIT_ACTIVE_ENTER_TIMESTAMP_SECONDS =
      PREFIX + "systemd_unit_active_enter_timestamp_seconds";

  // Host, from /proc and apt.
  public static final String HOST_BOOT_TIMESTAMP_SECONDS = PREFIX + "host_boot_timestamp_seconds";
  /** Gauge, 1, with the current boot_id label; a new value means a reboot. */
  public static final String HOST_BOOT_INFO = PREFIX + "host_boot_info";
  public static final String HOST_CPU_SECONDS_TOTAL = PREFIX + "host_cpu_seconds_total";
  public static final String HOST_MEMORY_TOTAL_BYTES = PREFIX + "host_memory_total_bytes";
  public static final String HOST_MEMORY_AVAILABLE_BYTES = PREFIX + "host_memory_available_bytes";
  public static final String APT_UPGRADES_PENDING = PREFIX + "apt_upgrades_pending";
  public static final String APT_SECURITY_UPGRADES_PENDING =
      PREFIX + "apt_security_upgrades_pending";
  public static final String APT_HELD_PACKAGES = PREFIX + "apt_held_packages";
  public static final String APT_PHASED_UPGRADES_DEFERRED = PREFIX + "apt_phased_upgrades_deferred";

  // Status endpoint; label endpoint.
  public static final String STATUS_HTTP_STATUS_CODE = PREFIX + "status_http_status_code";
  public static final String STATUS_PROBE_DURATION_SECONDS = PREFIX + "status_probe_duration_seconds";
  /** Gauge, 1 when the endpoint returned a 2xx status and its ready field is true. */
  public static final String STATUS_READY = PREFIX + "status_ready";
  /** Gauge per component: the numeric state from the JSON, 2 meaning connected. */
  public static final String STATUS_COMPONENT_STATE = PREFIX + "status_component_state";

  // Check names, the values of the check label.
  public static final String CHECK_SSH = "ssh";
  public static final String CHECK_FILESYSTEM = "filesystem";
  public static final String CHECK_CERTIFICATE_FILES = "certificate_files";
  public static final String CHECK_TLS = "tls";
  public static final String CHECK_BACKUPS = "backups";
  public static final String CHECK_BACKUP_INTEGRITY = "backup_integrity";
  public static final String CHECK_JOURNAL = "journal";
  public static final String CHECK_SYSTEMD = "systemd";
  public static final String CHECK_HOST = "host";
  public static final String CHECK_APT = "apt";
  public static final String CHECK_STATUS = "status";

  /** Host label value of samples measured from the exporter, such as TLS and status probes. */
  public static final String HOST_EXPORTER = "exporter";

  private MetricNames() {}
}
