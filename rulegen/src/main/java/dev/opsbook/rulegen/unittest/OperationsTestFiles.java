package dev.opsbook.rulegen.unittest;

import static dev.opsbook.spec.MetricNames.APT_SECURITY_UPGRADES_PENDING;
import static dev.opsbook.spec.MetricNames.BACKUP_COUNT;
import static dev.opsbook.spec.MetricNames.BACKUP_NEWEST_INTACT;
import static dev.opsbook.spec.MetricNames.BACKUP_NEWEST_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.CHECK_FILESYSTEM;
import static dev.opsbook.spec.MetricNames.CHECK_STATUS;
import static dev.opsbook.spec.MetricNames.CHECK_SUCCESS;
import static dev.opsbook.spec.MetricNames.FILESYSTEM_AVAIL_BYTES;
import static dev.opsbook.spec.MetricNames.FILESYSTEM_USED_BYTES;
import static dev.opsbook.spec.MetricNames.HOST_BOOT_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.HOST_CPU_SECONDS_TOTAL;
import static dev.opsbook.spec.MetricNames.HOST_MEMORY_AVAILABLE_BYTES;
import static dev.opsbook.spec.MetricNames.HOST_MEMORY_TOTAL_BYTES;
import static dev.opsbook.spec.MetricNames.HOST_UP;
import static dev.opsbook.spec.MetricNames.JOURNAL_ERROR_LINES_TOTAL;
import static dev.opsbook.spec.MetricNames.JOURNAL_PATTERN_LINES_TOTAL;
import static dev.opsbook.spec.MetricNames.PATTERN_AUTH_FAILURE;
import static dev.opsbook.spec.MetricNames.PATTERN_CRITICAL;
import static dev.opsbook.spec.MetricNames.STATUS_COMPONENT_STATE;
import static dev.opsbook.spec.MetricNames.STATUS_READY;
import static dev.opsbook.spec.MetricNames.SYSTEMD_UNIT_ACTIVE;
import static dev.opsbook.spec.MetricNames.TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.TLS_VERIFIED;

import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.RecordingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.ops.ExporterRules;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * promtool tests of the operational alerts. For every alert one test group sets a value just
 * past its threshold and checks the alert's labels and rendered annotations when its {@code
 * for} has passed, and that it is still pending one evaluation earlier. One further group sets
 * every metric to a value just inside its threshold and checks that no alert fires. Percentages
 * and durations sit {@link #MARGIN_PERCENT} % of the threshold away from it, and counts one
 * unit, so a threshold moved by more than that in the rules fails a test. The values come from
 * the spec's thresholds, so a changed threshold changes the tests. Alerts that need days of
 * history go into a second file evaluated hourly.
 */
final class OperationsTestFiles {

  static final String FILE = "tests/operations-test.yml";
  static final String LONG_FILE = "tests/operations-long-test.yml";

  private static final long MINUTE = 60;
  private static final long HOUR = 3600;
  private static final long DAY = 86_400;
  /**
   * Sample spacing of the hourly file's rate inputs: a 5m rate needs two samples, which a 5m
   * window contains at this spacing because Prometheus 2.x includes both ends of a range.
   */
  private static final long LONG_SAMPLE = 300;
  /**
   * Distance of a test value from a percentage or duration threshold, in percent of the
   * threshold, and at least 1 s for durations. 1 % is far above the rounding of rates and
   * averages (about 1e-15 relative), and {@code time()} is exact at every evaluation.
   */
  static final int MARGIN_PERCENT = 1;
  /** Alerts whose test needs longer than this go into the hourly file. */
  private static final long MAX_MINUTE_TEST_SECONDS = DAY;

  private final Spec spec;
  private final RuleFile rules;
  private final String host;
  private final List<String> notes = new ArrayList<>();
  private final Map<Long, List<UnitTestFile.Group>> groups = new TreeMap<>();
  private final Map<Long, List<UnitTestFile.Series>> healthy = new TreeMap<>();
  private final Map<Long, Long> healthyUntil = new TreeMap<>();
  private final Map<Long, Set<String>> alertNames = new TreeMap<>();
  private final Map<String, UnitTestFile.Group> capacityGroups = new LinkedHashMap<>();
  private final Map<String, Long> capacitySteps = new LinkedHashMap<>();

  private OperationsTestFiles(Spec spec, RuleFile rules) {
    this.spec = spec;
    this.rules = rules;
    this.host = spec.effectiveHosts().get(0).name();
  }

  /** The files, and the alerts that got no case because their metric cannot be simulated. */
  record Result(List<UnitTestFile> files, List<String> notes) {}

  static Result build(Spec spec, RuleFile operations) {
    OperationsTestFiles tests = new OperationsTestFiles(spec, operations);
    tests.addAll();
    return new Result(tests.files(), List.copyOf(tests.notes));
  }

  private void addAll() {
    Set<String> names = new LinkedHashSet<>();
    rules.alertingRules().forEach(rule -> names.add(rule.alert()));
    for (String name : names) {
      add(name, rulesNamed(name));
    }
    capacityGroups.forEach((key, group) -> addGroup(capacitySteps.get(key), group));
  }

  private void add(String name, List<AlertingRule> named) {
    Checks checks = spec.checks();
    AlertingRule rule = named.get(0);
    switch (name) {
      case "OpsbookExporterDown" -> exporterDown(rule);
      case "OpsbookExporterMissing" -> exporterMissing(rule);
      case "OpsbookCheckFailing" ->
          zeroMeansDown(rule, labels(CHECK_SUCCESS, "check", CHECK_FILESYSTEM, "host", host));
      case "OpsbookHostUnreachable" -> zeroMeansDown(rule, labels(HOST_UP, "host", host));
      case "SystemdUnitNotActive" -> zeroMeansDown(rule, labels(SYSTEMD_UNIT_ACTIVE, "host", host,
          "unit", checks.serviceUnits().units().get(0)));
      case "SystemdTimerNotActive" -> zeroMeansDown(rule, labels(SYSTEMD_UNIT_ACTIVE, "host", host,
          "unit", checks.serviceUnits().timers().get(0)));
      case "StatusEndpointNotReady" ->
          zeroMeansDown(rule, labels(STATUS_READY, "endpoint", checks.statusEndpoint().url()));
      case "StatusComponentStateUnexpected" -> componentState(rule, checks.statusEndpoint());
      case "StatusEndpointProbeFailing" ->
          zeroMeansDown(rule, labels(CHECK_SUCCESS, "check", CHECK_STATUS, "host", host));
      case "DiskUsageHigh" -> disk(named, checks.disk());
      case "CertificateFileExpiringSoon" -> expiry(rule, checks.certificates(), labels(
          CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS, "host", host, "path",
          checks.certificates().files().get(0)));
      case "TlsCertificateExpiringSoon" -> expiry(rule, checks.certificates(), labels(
          TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS, "endpoint",
          checks.certificates().endpoints().get(0)));
      case "TlsChainNotVerified" -> zeroMeansDown(rule,
          labels(TLS_VERIFIED, "endpoint", checks.certificates().endpoints().get(0)));
      case "BackupCountLow" -> backupCount(named, checks.backups());
      case "BackupTooOld" -> backupAge(named, checks.backups());
      case "BackupNewestArchiveNotIntact" -> zeroMeansDown(rule, labels(BACKUP_NEWEST_INTACT,
          "host", host, "tier", checks.backups().tiers().get(0).name()));
      case "JournalErrorsHigh" -> journalErrors(rule, checks.journal());
      case "JournalCriticalLines" -> criticalLines(rule);
      case "AuthFailuresHigh" -> authFailures(rule, checks.journal());
      case "HostRebootedRecently" -> rebooted(rule, checks.uptime());
      case "SecurityUpdatesPending" -> updates(rule, checks.updates());
      case "HostCpuHighSustained", "HostCpuLowSustained", "HostMemoryHighSustained",
          "HostMemoryLowSustained" -> capacity(rule, checks.capacity());
      default -> notes.add("no promtool case for alert " + name + ": rulegen does not know its"
          + " input series");
    }
  }

  // ---- alerts on one gauge ----

  private void exporterDown(AlertingRule rule) {
    Map<String, String> up = labels("up", "instance", "opsbook-exporter:9464", "job",
        ExporterRules.EXPORTER_JOB);
    gauge(rule, up, 0, 1, "The exporter's target is down: up = 0.");
  }

  private void exporterMissing(AlertingRule rule) {
    long step = MINUTE;
    long fireAt = forSeconds(rule);
    Map<String, String> other = labels("up", "instance", "localhost:9090", "job", "prometheus");
    Map<String, String> output = new TreeMap<>();
    output.put("job", ExporterRules.EXPORTER_JOB);
    List<UnitTestFile.AlertCheck> checks = pendingAndFiring(rule, step, fireAt, output, 1);
    addGroup(step, group(rule.alert() + " fires without an exporter target",
        List.of("Prometheus scrapes only itself, so absent() returns the job of the exporter."),
        step, List.of(series(other, 1 + "x" + (fireAt / step + 1))), checks));
    // The healthy group's up{job="opsbook-exporter"} comes from OpsbookExporterDown.
    expectSilent(step, rule.alert(), fireAt);
  }

  /** An alert on {@code metric == 0}: 0 fires, 1 is healthy. */
  private void zeroMeansDown(AlertingRule rule, Map<String, String> series) {
    gauge(rule, series, 0, 1, series.get("__name__") + " = 0.");
  }

  private void componentState(AlertingRule rule, Checks.StatusEndpoint status) {
    String component = status.components().keySet().iterator().next();
    Map<String, String> series = labels(STATUS_COMPONENT_STATE, "component", component,
        "endpoint", status.url());
    long expected = status.expectedState();
    gauge(rule, series, expected + 1, expected,
        "Component " + component + " reports state " + (expected + 1) + " instead of "
            + expected + ".");
  }

  /**
   * Adds a group in which {@code series} has {@code firing} for the alert's {@code for}, and
   * adds {@code healthyValue} to the group where nothing fires.
   */
  private void gauge(AlertingRule rule, Map<String, String> series, double firing,
      double healthyValue, String what) {
    long fireAt = Math.max(forSeconds(rule), MINUTE);
    long step = stepFor(fireAt);
    if (!fitsTestFile(rule, step, fireAt)) {
      return;
    }
    List<UnitTestFile.AlertCheck> checks =
        pendingAndFiring(rule, step, fireAt, outputLabels(series), firing);
    addGroup(step, group(rule.alert() + " fires", List.of(what), step,
        List.of(series(series, num(firing) + "x" + (fireAt / step + 1))), checks));
    // The healthy group of the hourly file is resampled at LONG_SAMPLE by healthySeries.
    addHealthy(step, series(series, num(healthyValue) + "x" + healthySteps(step)), rule.alert(),
        fireAt);
  }

  // ---- thresholds ----

  private void disk(List<AlertingRule> named, Checks.Disk disk) {
    AlertingRule warning = severity(named, "warning");
    AlertingRule critical = severity(named, "critical");
    double warningPercent = disk.warningPercent();
    double criticalPercent = disk.criticalPercent();
    Map<String, String> filesystem = new TreeMap<>();
    filesystem.put("device", "/dev/sda1");
    filesystem.put("fstype", "ext4");
    filesystem.put("host", host);
    filesystem.put("mountpoint", disk.paths().get(0));
    long fireAt = forSeconds(warning);
    long step = MINUTE;

    // Between the thresholds, one value just past the warning and one just inside the critical.
    Set<Double> between = new TreeSet<>();
    double[] candidates = {marginAbove(warningPercent), marginBelow(criticalPercent)};
    for (double percent : candidates) {
      if (percent > warningPercent && percent < criticalPercent) {
        between.add(percent);
      }
    }
    if (between.isEmpty()) {
      between.add((warningPercent + criticalPercent) / 2);
    }
    for (double percent : between) {
      addGroup(step, diskGroup(percent, filesystem, fireAt, step, List.of(warning),
          "Between the " + num(warningPercent) + " % and " + num(criticalPercent)
              + " % thresholds only the ticket fires."));
    }
    // Usage cannot exceed 100 %, so near 100 the value is halfway between the threshold and 100.
    double above = Math.min(marginAbove(criticalPercent), (criticalPercent + 100) / 2);
    if (above > criticalPercent) {
      addGroup(step, diskGroup(above, filesystem, fireAt, step, List.of(critical, warning),
          "Above " + num(criticalPercent) + " % the page fires as well, under the same alert"
              + " name."));
    } else {
      notes.add("no firing case for the critical DiskUsageHigh: usage cannot exceed "
          + num(criticalPercent) + " %");
    }
    long[] bytes = diskBytes(marginBelow(warningPercent));
    addHealthy(step, series(withName(filesystem, FILESYSTEM_USED_BYTES),
        bytes[0] + "x" + healthySteps(step)), warning.alert(), fireAt);
    healthy.get(step).add(series(withName(filesystem, FILESYSTEM_AVAIL_BYTES),
        bytes[1] + "x" + healthySteps(step)));
  }

  private UnitTestFile.Group diskGroup(double percent, Map<String, String> filesystem,
      long fireAt, long step, List<AlertingRule> firing, String what) {
    long[] bytes = diskBytes(percent);
    double value = 100.0 * bytes[0] / (bytes[0] + bytes[1]);
    List<UnitTestFile.AlertCheck> checks = new ArrayList<>();
    checks.add(new UnitTestFile.AlertCheck(fireAt - step, firing.get(0).alert(), List.of()));
    List<UnitTestFile.ExpectedAlert> alerts = new ArrayList<>();
    for (AlertingRule rule : firing) {
      alerts.add(expected(rule, filesystem, value));
    }
    checks.add(new UnitTestFile.AlertCheck(fireAt, firing.get(0).alert(), alerts));
    long steps = fireAt / step + 1;
    return group(firing.get(0).alert() + " at " + Num.format(percent) + " %",
        List.of(what, "Usage is used / (used + avail), as df's Use% column."), step,
        List.of(series(withName(filesystem, FILESYSTEM_USED_BYTES), bytes[0] + "x" + steps),
            series(withName(filesystem, FILESYSTEM_AVAIL_BYTES), bytes[1] + "x" + steps)),
        checks);
  }

  /** Returns used and available bytes of a 1 GB filesystem at the given usage. */
  private static long[] diskBytes(double percent) {
    long total = 1_000_000_000L;
    long used = Math.round(percent / 100 * total);
    return new long[] {used, total - used};
  }

  private void backupCount(List<AlertingRule> named, Checks.Backups backups) {
    for (Checks.BackupTier tier : backups.tiers()) {
      AlertingRule rule = tierRule(named, tier);
      Map<String, String> series = labels(BACKUP_COUNT, "host", host, "tier", tier.name());
      gauge(rule, series, tier.minCount() - 1, tier.minCount(),
          "The " + tier.name() + " tier keeps " + (tier.minCount() - 1) + " archives, one fewer"
              + " than its min_count.");
    }
  }

  private void backupAge(List<AlertingRule> named, Checks.Backups backups) {
    for (Checks.BackupTier tier : backups.tiers()) {
      AlertingRule rule = tierRule(named, tier);
      long maxAge = seconds(tier.maxAge());
      long fireAt = forSeconds(rule);
      long step = stepFor(fireAt);
      if (!fitsTestFile(rule, step, fireAt)) {
        continue;
      }
      Map<String, String> series =
          labels(BACKUP_NEWEST_TIMESTAMP_SECONDS, "host", host, "tier", tier.name());
      long margin = marginSeconds(maxAge);
      long newest = -(maxAge + margin);
      List<UnitTestFile.AlertCheck> checks =
          pendingAndFiring(rule, step, fireAt, outputLabels(series), fireAt - newest);
      addGroup(step, group(rule.alert() + " fires for tier " + tier.name(),
          List.of("The newest " + tier.name() + " archive is " + UnitTestFile.duration(margin)
              + " older than max_age when the test starts."),
          step, List.of(series(series, newest + "x" + (fireAt / step + 1))), checks));
      long until = healthyEnd(step);
      addHealthy(step, series(series, (until - maxAge + margin) + "x" + healthySteps(step)),
          rule.alert(), fireAt);
    }
  }

  private void expiry(AlertingRule rule, Checks.Certificates certificates,
      Map<String, String> series) {
    long minValidity = seconds(certificates.minValidity());
    long step = MINUTE;
    long fireAt = MINUTE;
    long margin = marginSeconds(minValidity);
    long notAfter = fireAt + minValidity - margin;
    List<UnitTestFile.AlertCheck> checks = List.of(new UnitTestFile.AlertCheck(fireAt,
        rule.alert(), List.of(expected(rule, outputLabels(series), notAfter - fireAt))));
    addGroup(step, group(rule.alert() + " fires", List.of(UnitTestFile.duration(margin)
        + " less than min_validity remains."), step, List.of(series(series, notAfter + "x2")),
        checks));
    long until = healthyEnd(step);
    addHealthy(step, series(series, (until + minValidity + margin) + "x" + healthySteps(step)),
        rule.alert(), fireAt);
  }

  // ---- counters ----

  private void journalErrors(AlertingRule rule, Checks.Journal journal) {
    long max = journal.maxErrorsPerDay();
    long lines = max + 1;
    Map<String, String> series = labels(JOURNAL_ERROR_LINES_TOTAL, "host", host);
    counterJump(rule, series, lines, max, MINUTE * 10,
        lines + " error lines arrive at once; " + max + " would be within the budget.");
  }

  private void criticalLines(AlertingRule rule) {
    Map<String, String> series =
        labels(JOURNAL_PATTERN_LINES_TOTAL, "host", host, "pattern", PATTERN_CRITICAL);
    counterJump(rule, series, 1, 0, MINUTE * 2, "One line matches a critical pattern.");
  }

  private void authFailures(AlertingRule rule, Checks.Journal journal) {
    long max = journal.maxAuthFailures();
    long lines = max + 1;
    Map<String, String> series =
        labels(JOURNAL_PATTERN_LINES_TOTAL, "host", host, "pattern", PATTERN_AUTH_FAILURE);
    // The recorded hourly increase is read at whole hours, so the first count is at 1h.
    long evalAt = Math.min(HOUR, seconds(journal.authFailureWindow()));
    // Windows over 1h read a recorded series, which carries the spec's labels.
    Map<String, String> output =
        seconds(journal.authFailureWindow()) > HOUR
            ? recordedLabels("host:opsbook_journal_auth_failure_lines:")
            : new TreeMap<>();
    output.put("host", host);
    long step = MINUTE;
    List<UnitTestFile.AlertCheck> checks = List.of(new UnitTestFile.AlertCheck(evalAt,
        rule.alert(), List.of(expected(rule, output, lines))));
    addGroup(step, group(rule.alert() + " fires", List.of(lines + " failed logins arrive at"
        + " once; " + max + " would be within the budget."), step,
        List.of(series(series, "0 " + lines + "x" + (evalAt / step))), checks));
    addHealthy(step, series(series, "0 " + max + "x" + (healthySteps(step) - 1)), rule.alert(),
        evalAt);
  }

  /**
   * Adds a counter that jumps from 0 to {@code firing} after one step, checked at {@code
   * evalAt}; the healthy group's counter jumps to {@code healthyValue}.
   */
  private void counterJump(AlertingRule rule, Map<String, String> series, long firing,
      long healthyValue, long evalAt, String what) {
    long step = MINUTE;
    List<UnitTestFile.AlertCheck> checks = List.of(new UnitTestFile.AlertCheck(evalAt,
        rule.alert(), List.of(expected(rule, outputLabels(series), firing))));
    addGroup(step, group(rule.alert() + " fires", List.of(what), step,
        List.of(series(series, "0 " + firing + "x" + (evalAt / step))), checks));
    addHealthy(step, series(series, "0 " + healthyValue + "x" + (healthySteps(step) - 1)),
        rule.alert(), evalAt);
  }

  // ---- host ----

  private void rebooted(AlertingRule rule, Checks.Uptime uptime) {
    long minUptime = seconds(uptime.minUptime());
    long step = MINUTE;
    long fireAt = MINUTE;
    long margin = marginSeconds(minUptime);
    long boot = fireAt - (minUptime - margin);
    Map<String, String> series = labels(HOST_BOOT_TIMESTAMP_SECONDS, "host", host);
    List<UnitTestFile.AlertCheck> checks = List.of(new UnitTestFile.AlertCheck(fireAt,
        rule.alert(), List.of(expected(rule, outputLabels(series), fireAt - boot))));
    addGroup(step, group(rule.alert() + " fires", List.of("The host booted "
        + UnitTestFile.duration(margin) + " less than min_uptime ago."), step,
        List.of(series(series, boot + "x2")), checks));
    // Uptime grows, so the host boots early enough to be just past min_uptime at the check.
    long healthyBoot = healthyEnd(step) - (minUptime + margin);
    addHealthy(step, series(series, healthyBoot + "x" + healthySteps(step)), rule.alert(),
        fireAt);
  }

  private void updates(AlertingRule rule, Checks.Updates updates) {
    long max = updates.maxSecurityUpdates();
    gauge(rule, labels(APT_SECURITY_UPGRADES_PENDING, "host", host), max + 1, max,
        (max + 1) + " security updates stay pending; " + max + " are allowed.");
  }

  private void capacity(AlertingRule rule, Checks.Capacity capacity) {
    boolean cpu = rule.alert().startsWith("HostCpu");
    boolean high = rule.alert().contains("High");
    double highPercent = cpu ? capacity.cpuHighPercent() : capacity.memoryHighPercent();
    double lowPercent = cpu ? capacity.cpuLowPercent() : capacity.memoryLowPercent();
    PromDuration period = high ? capacity.highFor() : capacity.lowFor();
    double midpoint = (highPercent + lowPercent) / 2;
    // Utilisation cannot exceed 100 %, so near 100 the value is halfway to 100.
    double firing = high ? Math.min(marginAbove(highPercent), (highPercent + 100) / 2)
        : marginBelow(lowPercent);
    // Each silent value must also stay inside the other threshold of the same resource.
    double belowHigh = Math.max(marginBelow(highPercent), midpoint);
    double aboveLow = Math.min(marginAbove(lowPercent), midpoint);
    // The recorded CPU rate needs two samples, so its first point is one evaluation later.
    long periodSeconds = seconds(period);
    long fireGuess = periodSeconds + 2 * HOUR;
    long step = stepFor(fireGuess);
    long firstRecorded = cpu ? step : 0;
    long active = periodSeconds > HOUR ? firstRecorded + periodSeconds - HOUR : firstRecorded;
    long fireAt = active + forSeconds(rule);
    if (!fitsTestFile(rule, step, fireAt)) {
      return;
    }
    String prefix = cpu ? "host:opsbook_host_cpu_utilisation:" : "host:opsbook_host_memory_";
    Map<String, String> output = recordedLabels(prefix);
    output.put("host", host);
    long sample = step == MINUTE ? MINUTE : LONG_SAMPLE;
    long inputSteps = fireAt / sample + 1;
    List<UnitTestFile.AlertCheck> checks =
        pendingAndFiring(rule, step, fireAt, output, firing);
    // CPU and memory read different metrics, so one group contains both of each direction.
    String key = (high ? "high" : "low") + " sustained utilisation";
    UnitTestFile.Group merged = capacityGroups.get(key);
    List<UnitTestFile.Series> series = new ArrayList<>(utilisation(cpu, firing, inputSteps));
    List<UnitTestFile.AlertCheck> allChecks = new ArrayList<>(checks);
    List<String> comment = new ArrayList<>();
    if (merged != null) {
      series.addAll(0, merged.inputSeries());
      allChecks.addAll(0, merged.alertChecks());
      comment.addAll(merged.comment());
    }
    comment.add((cpu ? "CPU" : "Memory") + " utilisation stays at " + Num.format(firing)
        + " % for " + period + ", the period its alert averages over.");
    capacityGroups.put(key, group("Host " + key + " alerts fire", comment, sample, series,
        allChecks));
    capacitySteps.put(key, step);
    long healthySteps = healthyEnd(step) / sample + 1;
    if (high) {
      List<UnitTestFile.Series> normalSeries = utilisation(cpu, belowHigh, healthySteps);
      addHealthy(step, normalSeries.get(0), rule.alert(), fireAt);
      healthy.get(step).addAll(normalSeries.subList(1, normalSeries.size()));
    } else {
      // The healthy group sits just below the high threshold, far from the low one.
      expectSilent(step, rule.alert(), fireAt);
      addCapacitySilence(rule, step, sample, inputSteps, fireAt, cpu, aboveLow);
    }
  }

  /**
   * Adds to one group a utilisation just above the low threshold, checked when the low alert
   * would fire, so the healthy group, which sits near the high threshold, need not test it.
   */
  private void addCapacitySilence(AlertingRule rule, long step, long sample, long inputSteps,
      long checkAt, boolean cpu, double percent) {
    String key = "low sustained utilisation silence";
    UnitTestFile.Group merged = capacityGroups.get(key);
    List<UnitTestFile.Series> series = new ArrayList<>(utilisation(cpu, percent, inputSteps));
    List<UnitTestFile.AlertCheck> checks = new ArrayList<>();
    checks.add(new UnitTestFile.AlertCheck(checkAt, rule.alert(), List.of()));
    List<String> comment = new ArrayList<>();
    if (merged != null) {
      series.addAll(0, merged.inputSeries());
      checks.addAll(0, merged.alertChecks());
      comment.addAll(merged.comment());
    }
    comment.add((cpu ? "CPU" : "Memory") + " utilisation stays at " + num(percent)
        + " %, just above the low threshold.");
    capacityGroups.put(key, group("Host low sustained utilisation alerts stay silent", comment,
        sample, series, checks));
    capacitySteps.put(key, step);
  }

  /** Returns CPU counters or memory gauges at a utilisation, one sample per step. */
  private List<UnitTestFile.Series> utilisation(boolean cpu, double percent, long steps) {
    if (cpu) {
      return List.of(
          series(labels(HOST_CPU_SECONDS_TOTAL, "host", host, "mode", "idle"),
              "0+" + num(100 - percent) + "x" + steps),
          series(labels(HOST_CPU_SECONDS_TOTAL, "host", host, "mode", "user"),
              "0+" + num(percent) + "x" + steps));
    }
    long total = 8_000_000_000L;
    long available = Math.round((100 - percent) / 100 * total);
    return List.of(
        series(labels(HOST_MEMORY_AVAILABLE_BYTES, "host", host), available + "x" + steps),
        series(labels(HOST_MEMORY_TOTAL_BYTES, "host", host), total + "x" + steps));
  }

  // ---- groups and files ----

  private List<UnitTestFile.AlertCheck> pendingAndFiring(AlertingRule rule, long step,
      long fireAt, Map<String, String> output, double value) {
    List<UnitTestFile.AlertCheck> checks = new ArrayList<>();
    if (forSeconds(rule) > 0) {
      checks.add(new UnitTestFile.AlertCheck(fireAt - step, rule.alert(), List.of()));
    }
    checks.add(new UnitTestFile.AlertCheck(fireAt, rule.alert(),
        List.of(expected(rule, output, value))));
    return checks;
  }

  private UnitTestFile.ExpectedAlert expected(AlertingRule rule, Map<String, String> output,
      double value) {
    Map<String, String> labels = new TreeMap<>(output);
    labels.putAll(rule.labels());
    return new UnitTestFile.ExpectedAlert(labels,
        AlertTemplates.expand(rule.annotations(), output, value));
  }

  private void addGroup(long step, UnitTestFile.Group group) {
    groups.computeIfAbsent(step, key -> new ArrayList<>()).add(group);
  }

  private void addHealthy(long step, UnitTestFile.Series series, String alert, long evalAt) {
    healthy.computeIfAbsent(step, key -> new ArrayList<>()).add(series);
    expectSilent(step, alert, evalAt);
  }

  private void expectSilent(long step, String alert, long evalAt) {
    healthy.computeIfAbsent(step, key -> new ArrayList<>());
    alertNames.computeIfAbsent(step, key -> new LinkedHashSet<>()).add(alert);
    healthyUntil.merge(step, evalAt, Math::max);
  }

  /**
   * Returns the end of the healthy group of a file: an hour past the longest case in the minute
   * file, so the hourly authentication-failure count runs, and the longest case in the hourly
   * file. Fixed per step, because series values such as timestamps depend on it.
   */
  private long healthyEnd(long step) {
    return step == MINUTE ? 2 * HOUR : 31 * DAY + 2 * HOUR;
  }

  /**
   * Returns whether an alert that fires at {@code fireAt} fits in the test file of its step,
   * whose series end at {@link #healthyEnd}. Adds a note when it does not.
   */
  private boolean fitsTestFile(AlertingRule rule, long step, long fireAt) {
    if (fireAt <= healthyEnd(step)) {
      return true;
    }
    notes.add("no promtool case for alert " + rule.alert() + ": it would fire after "
        + UnitTestFile.duration(fireAt) + ", later than the "
        + UnitTestFile.duration(healthyEnd(step)) + " that the test files cover");
    return false;
  }

  private long healthySteps(long step) {
    return healthyEnd(step) / step + 1;
  }

  private List<UnitTestFile> files() {
    List<UnitTestFile> files = new ArrayList<>();
    for (Map.Entry<Long, List<UnitTestFile.Group>> entry : groups.entrySet()) {
      long step = entry.getKey();
      List<UnitTestFile.Group> fileGroups = new ArrayList<>(entry.getValue());
      long end = Math.max(healthyUntil.getOrDefault(step, step), step);
      if (end > healthyEnd(step)) {
        throw new IllegalStateException("healthy group ends at " + end + "s, after its series");
      }
      List<UnitTestFile.AlertCheck> silent = new ArrayList<>();
      for (String alert : alertNames.getOrDefault(step, Set.of())) {
        silent.add(new UnitTestFile.AlertCheck(healthyEnd(step), alert, List.of()));
      }
      fileGroups.add(group("every alert stays silent inside its threshold",
          List.of("Every metric holds a value just inside its threshold at "
              + UnitTestFile.duration(healthyEnd(step)) + ", where the checks run."),
          step == MINUTE ? MINUTE : LONG_SAMPLE, healthySeries(step), silent));
      boolean minute = step == MINUTE;
      files.add(new UnitTestFile(minute ? FILE : LONG_FILE, List.of("../" + rules.path()), step,
          rules.groups().stream().map(RuleGroup::name).toList(),
          List.of("Unit tests of the operational alerts"
              + (minute ? "." : " that need days of history, evaluated hourly."),
              "Each alert fires just past its threshold from the spec, with its labels and"
                  + " rendered annotations, and stays silent just inside it.",
              "Percentages and durations sit " + MARGIN_PERCENT + " % of the threshold past or"
                  + " inside it. Counts fire one unit past it and stay silent at it."),
          fileGroups));
    }
    return files;
  }

  private List<UnitTestFile.Series> healthySeries(long step) {
    // The hourly file samples its inputs every 5m, so rates over 5m have two samples.
    List<UnitTestFile.Series> all = healthy.getOrDefault(step, List.of());
    if (step == MINUTE) {
      return all;
    }
    List<UnitTestFile.Series> resampled = new ArrayList<>();
    long samples = healthyEnd(step) / LONG_SAMPLE + 1;
    for (UnitTestFile.Series series : all) {
      resampled.add(new UnitTestFile.Series(series.series(),
          series.values().replaceAll("x\\d+$", "x" + samples)));
    }
    return resampled;
  }

  private static UnitTestFile.Group group(String name, List<String> comment, long interval,
      List<UnitTestFile.Series> series, List<UnitTestFile.AlertCheck> checks) {
    return new UnitTestFile.Group(name, comment, interval, series, List.of(), checks);
  }

  // ---- helpers ----

  private List<AlertingRule> rulesNamed(String name) {
    return rules.alertingRules().stream().filter(rule -> rule.alert().equals(name)).toList();
  }

  private static AlertingRule severity(List<AlertingRule> named, String severity) {
    return named.stream().filter(rule -> severity.equals(rule.labels().get("severity")))
        .findFirst().orElseThrow();
  }

  private static AlertingRule tierRule(List<AlertingRule> named, Checks.BackupTier tier) {
    return named.stream().filter(rule -> tier.name().equals(rule.labels().get("tier")))
        .findFirst().orElseThrow();
  }

  private Map<String, String> recordedLabels(String prefix) {
    for (var group : rules.groups()) {
      for (Rule rule : group.rules()) {
        if (rule instanceof RecordingRule recording && recording.record().startsWith(prefix)) {
          return new TreeMap<>(recording.labels());
        }
      }
    }
    throw new IllegalArgumentException("no recording rule " + prefix + "* in " + rules.path());
  }

  /** Returns a percentage {@link #MARGIN_PERCENT} % above {@code threshold}. */
  private static double marginAbove(double threshold) {
    return threshold * (100 + MARGIN_PERCENT) / 100;
  }

  /** Returns a percentage {@link #MARGIN_PERCENT} % below {@code threshold}. */
  private static double marginBelow(double threshold) {
    return threshold * (100 - MARGIN_PERCENT) / 100;
  }

  /** Returns {@link #MARGIN_PERCENT} % of a duration in seconds, at least 1 s. */
  private static long marginSeconds(long threshold) {
    return Math.max(1, threshold * MARGIN_PERCENT / 100);
  }

  private static long stepFor(long fireAt) {
    return fireAt + HOUR > MAX_MINUTE_TEST_SECONDS ? HOUR : MINUTE;
  }

  private static long forSeconds(AlertingRule rule) {
    return rule.forDuration() == null ? 0 : seconds(rule.forDuration());
  }

  private static long seconds(PromDuration duration) {
    return duration.millis() / 1000;
  }

  private static Map<String, String> labels(String name, String... pairs) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("__name__", name);
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return new TreeMap<>(labels);
  }

  private static Map<String, String> withName(Map<String, String> labels, String name) {
    Map<String, String> named = new TreeMap<>(labels);
    named.put("__name__", name);
    return named;
  }

  private static Map<String, String> outputLabels(Map<String, String> series) {
    Map<String, String> output = new TreeMap<>(series);
    output.remove("__name__");
    return output;
  }

  private static UnitTestFile.Series series(Map<String, String> labels, String values) {
    return new UnitTestFile.Series(SliInput.text(labels), values);
  }

  private static String num(double value) {
    return Num.format(value);
  }
}
