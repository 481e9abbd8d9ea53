package dev.opsbook.rulegen.ops;

import static dev.opsbook.spec.MetricNames.APT_SECURITY_UPGRADES_PENDING;
import static dev.opsbook.spec.MetricNames.HOST_BOOT_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.HOST_CPU_SECONDS_TOTAL;
import static dev.opsbook.spec.MetricNames.HOST_MEMORY_AVAILABLE_BYTES;
import static dev.opsbook.spec.MetricNames.HOST_MEMORY_TOTAL_BYTES;
import static dev.opsbook.spec.MetricNames.LABEL_HOST;
import static dev.opsbook.spec.MetricNames.LABEL_MODE;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecContext.AlertText;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Severity;
import java.util.Map;

/** Alerts on uptime and pending security updates. */
final class HostRules {

  private HostRules() {}

  static RuleGroup uptime(SpecContext context, Checks.Uptime uptime) {
    Rule rule =
        context.alert(
            new AlertText(
                "HostRebootedRecently",
                "time() - " + HOST_BOOT_TIMESTAMP_SECONDS + " < "
                    + Num.format(uptime.minUptime().seconds()),
                null,
                "Host {{ $labels.host }} has been up for less than " + uptime.minUptime() + ".",
                "{{ $labels.host }} booted {{ $value | humanizeDuration }} ago; find out whether"
                    + " the restart was planned."),
            Severity.WARNING,
            Map.of());
    return new RuleGroup("opsbook-uptime", java.util.List.of(rule));
  }

  static RuleGroup updates(SpecContext context, Checks.Updates updates) {
    // "for" carries the age: Prometheus restores pending alerts after a restart from
    // ALERTS_FOR_STATE, so the 7d count survives restarts shorter than the outage tolerance.
    Rule rule =
        context.alert(
            new AlertText(
                "SecurityUpdatesPending",
                APT_SECURITY_UPGRADES_PENDING + " > " + updates.maxSecurityUpdates(),
                updates.maxAge(),
                "Host {{ $labels.host }} has had security updates pending for "
                    + updates.maxAge() + ".",
                "{{ $labels.host }} has {{ $value }} pending security updates, more than "
                    + updates.maxSecurityUpdates() + " for at least " + updates.maxAge()
                    + "; schedule a maintenance window."),
            Severity.WARNING,
            Map.of());
    return new RuleGroup("opsbook-updates", java.util.List.of(rule));
  }

  /** Returns CPU busy time over all CPU time of each host, from the exporter's /proc counters. */
  static String cpuUtilisation(String window) {
    String idle = Promql.selector(HOST_CPU_SECONDS_TOTAL, Map.of(LABEL_MODE, "idle"));
    return "1 - sum by (" + LABEL_HOST + ") (rate(" + idle + "[" + window + "]))"
        + " / (sum by (" + LABEL_HOST + ") (rate(" + HOST_CPU_SECONDS_TOTAL + "[" + window
        + "])) > 0)";
  }

  static String memoryUtilisation() {
    return "1 - " + HOST_MEMORY_AVAILABLE_BYTES + " / (" + HOST_MEMORY_TOTAL_BYTES + " > 0)";
  }
}
