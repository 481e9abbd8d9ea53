package dev.opsbook.spec;

import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Checks.BackupTier;
import dev.opsbook.spec.model.Checks.Backups;
import dev.opsbook.spec.model.Checks.Capacity;
import dev.opsbook.spec.model.Checks.Certificates;
import dev.opsbook.spec.model.Checks.Disk;
import dev.opsbook.spec.model.Checks.ExporterHealth;
import dev.opsbook.spec.model.Checks.Journal;
import dev.opsbook.spec.model.Checks.ServiceUnits;
import dev.opsbook.spec.model.Checks.StatusEndpoint;
import dev.opsbook.spec.model.Checks.Updates;
import dev.opsbook.spec.model.Checks.Uptime;
import dev.opsbook.spec.model.PromDuration;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/** Binds the {@code checks} section; like {@link SpecBinder}, it collects every problem. */
final class ChecksBinder {

  static final PromDuration DEFAULT_INTERVAL = PromDuration.parse("60s");
  static final PromDuration DEFAULT_CERTIFICATES_INTERVAL = PromDuration.parse("1h");
  static final PromDuration DEFAULT_BACKUPS_INTERVAL = PromDuration.parse("5m");
  static final PromDuration DEFAULT_BACKUPS_VERIFY_INTERVAL = PromDuration.parse("6h");
  static final PromDuration DEFAULT_UPDATES_INTERVAL = PromDuration.parse("1h");
  static final PromDuration DEFAULT_STATUS_TIMEOUT = PromDuration.parse("5s");
  static final int DEFAULT_EXPECTED_STATE = 2;

  private final YamlValues values;
  private final Problems problems;

  ChecksBinder(YamlValues values) {
    this.values = values;
    this.problems = values.problems();
  }

  /** Returns the checks of a spec without a {@code checks} section: none configured. */
  static Checks none() {
    return new Checks(null, null, null, null, null, null, null, null, null, null);
  }

  Checks bind(YamlMap map) {
    Checks checks =
        new Checks(
            section(map, "service_units", this::serviceUnits),
            section(map, "status_endpoint", this::statusEndpoint),
            section(map, "disk", this::disk),
            section(map, "certificates", this::certificates),
            section(map, "backups", this::backups),
            section(map, "journal", this::journal),
            section(map, "uptime", this::uptime),
            section(map, "updates", this::updates),
            section(map, "capacity", this::capacity),
            section(map, "exporter", this::exporterHealth));
    map.finish();
    return checks;
  }

  private static <T> T section(YamlMap parent, String key, Function<YamlMap, T> binder) {
    YamlMap map = parent.optionalMap(key);
    if (map == null) {
      return null;
    }
    T section = binder.apply(map);
    map.finish();
    return section;
  }

  private ServiceUnits serviceUnits(YamlMap map) {
    return new ServiceUnits(
        map.optionalStrings("units", List.of()),
        map.optionalStrings("timers", List.of()),
        map.optionalDuration("interval", DEFAULT_INTERVAL));
  }

  private StatusEndpoint statusEndpoint(YamlMap map) {
    return new StatusEndpoint(
        map.requiredString("url"),
        map.optionalDuration("timeout", DEFAULT_STATUS_TIMEOUT),
        map.optionalString("ready_field", null),
        map.optionalStringMap("components"),
        toInt(map, "expected_state", map.optionalInteger("expected_state", DEFAULT_EXPECTED_STATE)),
        map.optionalDuration("interval", DEFAULT_INTERVAL));
  }

  private Disk disk(YamlMap map) {
    return new Disk(
        map.requiredStrings("paths"),
        map.requiredNumber("warning_percent"),
        map.requiredNumber("critical_percent"),
        map.optionalDuration("interval", DEFAULT_INTERVAL));
  }

  private Certificates certificates(YamlMap map) {
    return new Certificates(
        map.optionalStrings("files", List.of()),
        map.optionalStrings("endpoints", List.of()),
        map.requiredDuration("min_validity"),
        map.optionalDuration("interval", DEFAULT_CERTIFICATES_INTERVAL));
  }

  private Backups backups(YamlMap map) {
    return new Backups(
        map.requiredString("directory"),
        map.requiredList("tiers", this::backupTier),
        map.optionalDuration("interval", DEFAULT_BACKUPS_INTERVAL),
        map.optionalDuration("verify_interval", DEFAULT_BACKUPS_VERIFY_INTERVAL));
  }

  private BackupTier backupTier(Node node, String path) {
    YamlMap map = values.map(node, path);
    if (map == null) {
      return null;
    }
    BackupTier tier =
        new BackupTier(
            map.requiredString("name"),
            map.requiredString("pattern"),
            toInt(map, "min_count", map.requiredInteger("min_count")),
            map.requiredDuration("max_age"));
    map.finish();
    return tier;
  }

  private Journal journal(YamlMap map) {
    List<String> units = map.optionalStrings("units", List.of());
    String directory = map.optionalString("directory", null);
    String file = map.optionalString("file", null);
    long maxErrorsPerDay = map.requiredInteger("max_errors_per_day");
    List<String> criticalPatterns = map.optionalStrings("critical_patterns", List.of());
    var patterns = map.optionalStringMap("patterns");
    String authFailurePattern = map.optionalString("auth_failure_pattern", null);
    long maxAuthFailures;
    PromDuration authFailureWindow;
    if (authFailurePattern != null) {
      maxAuthFailures = map.requiredInteger("max_auth_failures");
      authFailureWindow = map.requiredDuration("auth_failure_window");
    } else {
      maxAuthFailures = map.optionalInteger("max_auth_failures", 0);
      authFailureWindow = map.optionalDuration("auth_failure_window", null);
    }
    return new Journal(
        units,
        directory,
        file,
        maxErrorsPerDay,
        criticalPatterns,
        patterns,
        authFailurePattern,
        maxAuthFailures,
        authFailureWindow,
        map.optionalDuration("interval", DEFAULT_INTERVAL));
  }

  private Uptime uptime(YamlMap map) {
    return new Uptime(
        map.requiredDuration("min_uptime"), map.optionalDuration("interval", DEFAULT_INTERVAL));
  }

  private Updates updates(YamlMap map) {
    return new Updates(
        map.requiredInteger("max_security_updates"),
        map.requiredDuration("max_age"),
        map.optionalDuration("interval", DEFAULT_UPDATES_INTERVAL));
  }

  private Capacity capacity(YamlMap map) {
    return new Capacity(
        map.requiredNumber("cpu_high_percent"),
        map.requiredNumber("memory_high_percent"),
        map.requiredDuration("high_for"),
        map.requiredNumber("cpu_low_percent"),
        map.requiredNumber("memory_low_percent"),
        map.requiredDuration("low_for"),
        map.optionalDuration("interval", DEFAULT_INTERVAL));
  }

  private ExporterHealth exporterHealth(YamlMap map) {
    return new ExporterHealth(map.requiredDuration("max_check_failure_for"));
  }

  /** Narrows an integer field to int, reporting values outside the int range. */
  private int toInt(YamlMap map, String key, long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      problems.add(map.childPath(key), "integer " + value + " is too large");
      return 0;
    }
    return (int) value;
  }
}
