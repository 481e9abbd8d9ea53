package dev.opsbook.spec;

import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Checks.BackupTier;
import dev.opsbook.spec.model.Checks.Backups;
import dev.opsbook.spec.model.Checks.Capacity;
import dev.opsbook.spec.model.Checks.Certificates;
import dev.opsbook.spec.model.Checks.Disk;
import dev.opsbook.spec.model.Checks.Journal;
import dev.opsbook.spec.model.Checks.ServiceUnits;
import dev.opsbook.spec.model.Checks.StatusEndpoint;
import dev.opsbook.spec.model.Checks.Updates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Validates the {@code checks} section: paths, names, thresholds and patterns. */
final class ChecksValidator {

  /** Pattern label values that the exporter uses for its own counters. */
  private static final Set<String> RESERVED_PATTERN_NAMES =
      Set.of(MetricNames.PATTERN_CRITICAL, MetricNames.PATTERN_AUTH_FAILURE);

  private final Problems problems;

  ChecksValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(Checks checks) {
    if (checks.serviceUnits() != null) {
      serviceUnits(checks.serviceUnits(), "checks.service_units");
    }
    if (checks.statusEndpoint() != null) {
      statusEndpoint(checks.statusEndpoint(), "checks.status_endpoint");
    }
    if (checks.disk() != null) {
      disk(checks.disk(), "checks.disk");
    }
    if (checks.certificates() != null) {
      certificates(checks.certificates(), "checks.certificates");
    }
    if (checks.backups() != null) {
      backups(checks.backups(), "checks.backups");
    }
    if (checks.journal() != null) {
      journal(checks.journal(), "checks.journal");
    }
    if (checks.updates() != null) {
      updates(checks.updates(), "checks.updates");
    }
    if (checks.capacity() != null) {
      capacity(checks.capacity(), "checks.capacity");
    }
  }

  private void serviceUnits(ServiceUnits units, String path) {
    if (units.units().isEmpty()
        && units.timers().isEmpty()
        && !problems.hasProblemAtOrUnder(path)) {
      problems.add(path, "no units or timers listed; list at least one, or remove service_units");
    }
    eachElement(FieldPath.child(path, "units"), units.units(), unit -> Rules.unit(unit, false));
    eachElement(FieldPath.child(path, "timers"), units.timers(), timer -> Rules.unit(timer, true));
  }

  private void statusEndpoint(StatusEndpoint status, String path) {
    if (status.url() != null) {
      report(FieldPath.child(path, "url"), Rules.httpUrl("status URL", status.url()));
    }
    if (status.readyField() != null) {
      report(FieldPath.child(path, "ready_field"), Rules.jsonField(status.readyField()));
    }
    status
        .components()
        .forEach(
            (name, field) -> {
              String componentPath = FieldPath.child(FieldPath.child(path, "components"), name);
              report(componentPath, Rules.keyword("component name", name));
              report(componentPath, Rules.jsonField(field));
            });
    if (status.timeout() != null
        && status.interval() != null
        && status.timeout().compareTo(status.interval()) >= 0) {
      problems.add(
          FieldPath.child(path, "timeout"),
          "timeout "
              + status.timeout()
              + " is not shorter than interval "
              + status.interval()
              + ", so probes would overlap; lower the timeout or raise the interval");
    }
  }

  private void disk(Disk disk, String path) {
    String pathsPath = FieldPath.child(path, "paths");
    if (disk.paths().isEmpty() && !problems.hasProblemAtOrUnder(pathsPath)) {
      problems.add(pathsPath, "no paths listed; list the mount points to measure, such as /");
    }
    eachElement(pathsPath, disk.paths(), Rules::absolutePath);
    String warningPath = FieldPath.child(path, "warning_percent");
    String criticalPath = FieldPath.child(path, "critical_percent");
    boolean warningValid = percent(warningPath, disk.warningPercent());
    boolean criticalValid = percent(criticalPath, disk.criticalPercent());
    if (warningValid && criticalValid && disk.warningPercent() >= disk.criticalPercent()) {
      problems.add(
          warningPath,
          "warning_percent "
              + Rules.number(disk.warningPercent())
              + " must be lower than critical_percent "
              + Rules.number(disk.criticalPercent())
              + ", so that a ticket comes before the page");
    }
  }

  private void certificates(Certificates certificates, String path) {
    if (certificates.files().isEmpty()
        && certificates.endpoints().isEmpty()
        && !problems.hasProblemAtOrUnder(path)) {
      problems.add(
          path, "no files or endpoints listed; list at least one, or remove certificates");
    }
    eachElement(FieldPath.child(path, "files"), certificates.files(), Rules::absolutePath);
    eachElement(FieldPath.child(path, "endpoints"), certificates.endpoints(), Rules::endpoint);
  }

  private void backups(Backups backups, String path) {
    if (backups.directory() != null) {
      report(FieldPath.child(path, "directory"), Rules.absolutePath(backups.directory()));
    }
    String tiersPath = FieldPath.child(path, "tiers");
    if (backups.tiers().isEmpty() && !problems.hasProblemAtOrUnder(tiersPath)) {
      problems.add(tiersPath, "no tiers listed; list at least one, such as daily");
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < backups.tiers().size(); i++) {
      BackupTier tier = backups.tiers().get(i);
      String tierPath = FieldPath.index(tiersPath, i);
      if (tier.name() != null) {
        Integer first = firstIndex.putIfAbsent(tier.name(), i);
        if (first != null) {
          problems.add(
              FieldPath.child(tierPath, "name"),
              "duplicate tier name "
                  + Quoted.of(tier.name())
                  + ", first used by tiers["
                  + first
                  + "]; give each tier its own name");
        }
      }
      backupTier(tier, tierPath);
    }
  }

  private void backupTier(BackupTier tier, String path) {
    if (tier.name() != null) {
      report(FieldPath.child(path, "name"), Rules.keyword("tier name", tier.name()));
    }
    if (tier.pattern() != null) {
      report(FieldPath.child(path, "pattern"), Rules.relativeGlob(tier.pattern()));
    }
    if (tier.minCount() < 1) {
      problems.add(
          FieldPath.child(path, "min_count"),
          "min_count " + tier.minCount() + " must be at least 1, the tier must keep an archive");
    }
  }

  private void journal(Journal journal, String path) {
    eachElement(FieldPath.child(path, "units"), journal.units(), unit -> Rules.unit(unit, false));
    if (journal.directory() != null) {
      report(FieldPath.child(path, "directory"), Rules.absolutePath(journal.directory()));
    }
    if (journal.file() != null) {
      report(FieldPath.child(path, "file"), Rules.absolutePath(journal.file()));
    }
    if (journal.directory() != null && journal.file() != null) {
      problems.add(
          FieldPath.child(path, "file"),
          "directory and file are both set, but journalctl reads one of them; remove one");
    }
    nonNegative(FieldPath.child(path, "max_errors_per_day"), journal.maxErrorsPerDay());
    eachElement(
        FieldPath.child(path, "critical_patterns"), journal.criticalPatterns(), Rules::regex);
    String patternsPath = FieldPath.child(path, "patterns");
    journal.patterns().forEach((name, regex) -> pattern(patternsPath, name, regex));
    authFailures(journal, path);
  }

  private void pattern(String path, String name, String regex) {
    String patternPath = FieldPath.child(path, name);
    Optional<String> nameProblem = Rules.keyword("pattern name", name);
    if (nameProblem.isEmpty() && RESERVED_PATTERN_NAMES.contains(name)) {
      nameProblem =
          Optional.of(
              "pattern name "
                  + Quoted.of(name)
                  + " is used by the exporter for its own counter; choose another name");
    }
    report(patternPath, nameProblem);
    report(patternPath, Rules.regex(regex));
  }

  private void authFailures(Journal journal, String path) {
    String maxPath = FieldPath.child(path, "max_auth_failures");
    if (journal.authFailurePattern() == null) {
      for (String key : List.of("max_auth_failures", "auth_failure_window")) {
        String keyPath = FieldPath.child(path, key);
        if (problems.isPresent(keyPath)) {
          problems.add(
              keyPath, key + " has no effect without auth_failure_pattern; set the pattern too");
        }
      }
      return;
    }
    report(
        FieldPath.child(path, "auth_failure_pattern"), Rules.regex(journal.authFailurePattern()));
    nonNegative(maxPath, journal.maxAuthFailures());
  }

  private void updates(Updates updates, String path) {
    nonNegative(FieldPath.child(path, "max_security_updates"), updates.maxSecurityUpdates());
  }

  private void capacity(Capacity capacity, String path) {
    lowBelowHigh(path, "cpu", capacity.cpuLowPercent(), capacity.cpuHighPercent());
    lowBelowHigh(path, "memory", capacity.memoryLowPercent(), capacity.memoryHighPercent());
  }

  private void lowBelowHigh(String path, String resource, double low, double high) {
    String lowPath = FieldPath.child(path, resource + "_low_percent");
    String highPath = FieldPath.child(path, resource + "_high_percent");
    boolean lowValid = percent(lowPath, low);
    boolean highValid = percent(highPath, high);
    if (lowValid && highValid && low >= high) {
      problems.add(
          lowPath,
          resource
              + "_low_percent "
              + Rules.number(low)
              + " must be lower than "
              + resource
              + "_high_percent "
              + Rules.number(high));
    }
  }

  /** Checks a percentage in (0, 100]; NaN means the binder already reported the field. */
  private boolean percent(String path, double value) {
    if (Double.isNaN(value) || problems.hasProblemAt(path)) {
      return false;
    }
    if (value <= 0 || value > 100) {
      problems.add(
          path,
          "percentage " + Rules.number(value) + " is outside (0, 100]; write a value such as 80");
      return false;
    }
    return true;
  }

  private void nonNegative(String path, long value) {
    if (value < 0) {
      problems.add(path, "value " + value + " is negative; write 0 or more");
    }
  }

  private void eachElement(
      String path, List<String> values, Function<String, Optional<String>> rule) {
    for (int i = 0; i < values.size(); i++) {
      report(FieldPath.index(path, i), rule.apply(values.get(i)));
    }
  }

  private void report(String path, Optional<String> message) {
    message.ifPresent(text -> problems.add(path, text));
  }
}
