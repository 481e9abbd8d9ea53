package dev.opsbook.rulegen.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.RuleLookup;
import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecFixtures;
import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.RecordingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Spec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperationsRuleFileTest {

  private static RuleFile file(Spec spec) {
    return OperationsRuleFile.build(new SpecContext(spec)).orElseThrow();
  }

  private static RuleFile full() {
    return file(SpecFixtures.sloSpec());
  }

  private static String expr(String alert) {
    return RuleLookup.alert(full(), alert).expr();
  }

  @Test
  void everyThresholdHasAnAlert() {
    Set<String> names = new HashSet<>();
    full().alertingRules().forEach(rule -> names.add(rule.alert()));

    assertThat(names)
        .containsExactlyInAnyOrder(
            "OpsbookExporterDown", "OpsbookExporterMissing", "OpsbookCheckFailing",
            "OpsbookHostUnreachable", "SystemdUnitNotActive", "SystemdTimerNotActive",
            "StatusEndpointNotReady", "StatusComponentStateUnexpected",
            "StatusEndpointProbeFailing", "DiskUsageHigh",
            "CertificateFileExpiringSoon", "TlsCertificateExpiringSoon", "TlsChainNotVerified",
            "BackupCountLow", "BackupTooOld", "BackupNewestArchiveNotIntact",
            "JournalErrorsHigh", "JournalCriticalLines", "AuthFailuresHigh",
            "HostRebootedRecently", "SecurityUpdatesPending", "HostCpuHighSustained",
            "HostMemoryHighSustained", "HostCpuLowSustained", "HostMemoryLowSustained");
  }

  @Test
  void everyAlertHasSeverityAndAnnotations() {
    for (AlertingRule alert : full().alertingRules()) {
      assertThat(alert.labels()).as(alert.alert())
          .containsKey("severity")
          .containsEntry("service", "spacetime-api")
          .containsEntry("team", "devops");
      assertThat(alert.annotations().get("summary")).as(alert.alert()).endsWith(".");
      if (!alert.expr().startsWith("absent(")) {
        // absent() has no measured value: it returns 1 while the series is missing.
        assertThat(alert.annotations().get("description")).as(alert.alert())
            .contains("{{ $value");
      }
      assertThat(alert.annotations().get("runbook_url")).as(alert.alert())
          .startsWith("https://runbooks.example.com/spacetime-api#");
    }
  }

  @Test
  void diskThresholds() {
    String used =
        "100 * opsbook_filesystem_used_bytes"
            + " / ((opsbook_filesystem_used_bytes + opsbook_filesystem_avail_bytes) > 0)";

    List<AlertingRule> disk = RuleLookup.alerts(full(), "DiskUsageHigh");

    assertThat(disk).extracting(Rule::expr).containsExactly(used + " > 80", used + " > 85");
    assertThat(disk).extracting(rule -> rule.labels().get("severity"))
        .containsExactly("warning", "critical");
  }

  @Test
  void certificateThresholds() {
    assertThat(expr("CertificateFileExpiringSoon"))
        .isEqualTo(
            "opsbook_certificate_file_earliest_not_after_timestamp_seconds - time() < 2592000");
    assertThat(expr("TlsCertificateExpiringSoon"))
        .isEqualTo("opsbook_tls_earliest_not_after_timestamp_seconds - time() < 2592000");
    assertThat(expr("TlsChainNotVerified")).isEqualTo("opsbook_tls_verified == 0");
  }

  @Test
  void backupThresholdsPerTier() {
    List<AlertingRule> count = RuleLookup.alerts(full(), "BackupCountLow");
    List<AlertingRule> age = RuleLookup.alerts(full(), "BackupTooOld");

    assertThat(count).extracting(Rule::expr)
        .containsExactly(
            "opsbook_backup_archives{tier=\"daily\"} < 7",
            "opsbook_backup_archives{tier=\"weekly\"} < 4",
            "opsbook_backup_archives{tier=\"monthly\"} < 3");
    assertThat(age).extracting(Rule::expr)
        .containsExactly(
            "time() - opsbook_backup_newest_timestamp_seconds{tier=\"daily\"} > 93600",
            "time() - opsbook_backup_newest_timestamp_seconds{tier=\"weekly\"} > 691200",
            "time() - opsbook_backup_newest_timestamp_seconds{tier=\"monthly\"} > 2764800");
    assertThat(count).extracting(rule -> rule.labels().get("tier"))
        .containsExactly("daily", "weekly", "monthly");
    assertThat(expr("BackupNewestArchiveNotIntact")).isEqualTo("opsbook_backup_newest_intact == 0");
  }

  @Test
  void journalThresholds() {
    assertThat(expr("JournalErrorsHigh"))
        .isEqualTo("increase(opsbook_journal_error_lines_total[1d]) > 100");
    assertThat(expr("JournalCriticalLines"))
        .isEqualTo("increase(opsbook_journal_pattern_lines_total{pattern=\"critical\"}[10m]) > 0");
    assertThat(RuleLookup.alert(full(), "JournalCriticalLines").labels())
        .containsEntry("severity", "critical");
  }

  @Test
  void authFailuresSumRecordedHours() {
    RecordingRule hourly = RuleLookup.recording(full(), JournalRules.AUTH_FAILURES_1H);

    assertThat(hourly.expr())
        .isEqualTo(
            "sum by (host) (increase(opsbook_journal_pattern_lines_total"
                + "{pattern=\"auth_failure\"}[1h]))");
    assertThat(expr("AuthFailuresHigh"))
        .isEqualTo(
            "sum_over_time(host:opsbook_journal_auth_failure_lines:increase1h"
                + "{service=\"spacetime-api\"}[30d:1h]) > 100");
  }

  @Test
  void hostThresholds() {
    assertThat(expr("HostRebootedRecently"))
        .isEqualTo("time() - opsbook_host_boot_timestamp_seconds < 86400");
    AlertingRule updates = RuleLookup.alert(full(), "SecurityUpdatesPending");
    assertThat(updates.expr()).isEqualTo("opsbook_apt_security_upgrades_pending > 0");
    assertThat(updates.forDuration().toString()).isEqualTo("7d");
    AlertingRule unreachable = RuleLookup.alert(full(), "OpsbookHostUnreachable");
    assertThat(unreachable.expr()).isEqualTo("opsbook_host_up == 0");
    assertThat(unreachable.forDuration().toString()).isEqualTo("5m");
  }

  @Test
  void serviceThresholds() {
    assertThat(expr("SystemdUnitNotActive"))
        .isEqualTo("opsbook_systemd_unit_active{unit=\"godot-spacetime.service\"} == 0");
    assertThat(expr("SystemdTimerNotActive"))
        .isEqualTo("opsbook_systemd_unit_active{unit=\"certbot.timer\"} == 0");
    assertThat(expr("StatusEndpointNotReady")).isEqualTo("opsbook_status_ready == 0");
    assertThat(expr("StatusComponentStateUnexpected"))
        .isEqualTo("opsbook_status_component_state != 2");
    assertThat(expr("StatusEndpointProbeFailing"))
        .isEqualTo("opsbook_check_success{check=\"status\"} == 0");
  }

  @Test
  void exporterHealth() {
    assertThat(expr("OpsbookExporterDown")).isEqualTo("up{job=\"opsbook-exporter\"} == 0");
    AlertingRule failing = RuleLookup.alert(full(), "OpsbookCheckFailing");
    assertThat(failing.expr()).isEqualTo("opsbook_check_success == 0");
    assertThat(failing.forDuration().toString()).isEqualTo("15m");
  }

  @Test
  void capacityAveragesRecordedUtilisation() {
    String cpu = "host:opsbook_host_cpu_utilisation:ratio_rate5m{service=\"spacetime-api\"}";

    assertThat(RuleLookup.recording(full(), "host:opsbook_host_cpu_utilisation:ratio_rate5m")
            .expr())
        .isEqualTo(
            "1 - sum by (host) (rate(opsbook_host_cpu_seconds_total{mode=\"idle\"}[5m]))"
                + " / (sum by (host) (rate(opsbook_host_cpu_seconds_total[5m])) > 0)");
    assertThat(expr("HostCpuHighSustained"))
        .isEqualTo(
            "100 * avg_over_time(" + cpu + "[7d]) > 70\n"
                + "and on (host)\n"
                + "  count_over_time(" + cpu + "[1h] offset 6d23h) > 0");
    assertThat(expr("HostMemoryLowSustained"))
        .startsWith(
            "100 * avg_over_time(host:opsbook_host_memory_utilisation:ratio"
                + "{service=\"spacetime-api\"}[30d]) < 50");
    assertThat(RuleLookup.alert(full(), "HostCpuLowSustained").labels())
        .containsEntry("severity", "info");
  }

  @Test
  void readsOnlyExporterMetrics() throws Exception {
    Set<String> allowed = new HashSet<>(metricNames());
    allowed.add("up");
    RuleFile file = full();
    for (Rule rule : RuleLookup.all(file)) {
      if (rule instanceof RecordingRule recording) {
        allowed.add(recording.record());
      }
    }
    Pattern selector = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    Pattern exporterName = Pattern.compile("(?<![\\w:])opsbook_[a-z_]+");
    for (Rule rule : RuleLookup.all(file)) {
      for (Pattern pattern : List.of(selector, exporterName)) {
        Matcher matcher = pattern.matcher(rule.expr());
        while (matcher.find()) {
          String name = matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
          assertThat(allowed).as(rule.name() + " reads " + name).contains(name);
        }
      }
    }
  }

  @Test
  void unconfiguredChecksGenerateNothing() {
    Spec spec = SpecFixtures.withChecks(SpecFixtures.noChecks());

    assertThat(OperationsRuleFile.build(new SpecContext(spec))).isEmpty();
  }

  @Test
  void noChecksSectionNoFile() {
    Spec spec = SpecFixtures.withChecks(null);

    assertThat(OperationsRuleFile.build(new SpecContext(spec))).isEmpty();
  }

  private static Set<String> metricNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field field : MetricNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String value = (String) field.get(null);
        if (value.startsWith(MetricNames.PREFIX)) {
          names.add(value);
        }
      }
    }
    return names;
  }
}
