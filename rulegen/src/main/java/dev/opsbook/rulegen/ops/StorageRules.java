package dev.opsbook.rulegen.ops;

import static dev.opsbook.spec.MetricNames.BACKUP_COUNT;
import static dev.opsbook.spec.MetricNames.BACKUP_NEWEST_INTACT;
import static dev.opsbook.spec.MetricNames.BACKUP_NEWEST_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.FILESYSTEM_AVAIL_BYTES;
import static dev.opsbook.spec.MetricNames.FILESYSTEM_USED_BYTES;
import static dev.opsbook.spec.MetricNames.LABEL_TIER;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecContext.AlertText;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alerts on filesystem usage and on backup archives per retention tier. */
final class StorageRules {

  private static final PromDuration FIVE_MINUTES = PromDuration.parse("5m");
  private static final PromDuration TEN_MINUTES = PromDuration.parse("10m");
  private static final PromDuration THIRTY_MINUTES = PromDuration.parse("30m");

  private StorageRules() {}

  static RuleGroup disk(SpecContext context, Checks.Disk disk) {
    // The Use% of df: used over used + available, so blocks reserved for root count as full,
    // and the alert agrees with what df shows on the host. "> 0" keeps 0/0 from becoming NaN.
    String usedPercent =
        "100 * " + FILESYSTEM_USED_BYTES + " / ((" + FILESYSTEM_USED_BYTES + " + "
            + FILESYSTEM_AVAIL_BYTES + ") > 0)";
    List<Rule> rules = new ArrayList<>();
    // One alert name for both thresholds, so Alertmanager's inhibition of a warning by the
    // critical alert of the same name mutes the 80 % ticket while the 85 % page fires.
    rules.add(diskAlert(context, usedPercent, disk.warningPercent(), Severity.WARNING));
    rules.add(diskAlert(context, usedPercent, disk.criticalPercent(), Severity.CRITICAL));
    return new RuleGroup("opsbook-disk", rules);
  }

  private static Rule diskAlert(
      SpecContext context, String usedPercent, double threshold, Severity severity) {
    String percent = Num.format(threshold);
    return context.alert(
        new AlertText(
            "DiskUsageHigh",
            usedPercent + " > " + percent,
            FIVE_MINUTES,
            "Filesystem {{ $labels.mountpoint }} on {{ $labels.host }} is more than " + percent
                + "% full.",
            "{{ $labels.mountpoint }} ({{ $labels.device }}) on {{ $labels.host }} is"
                + " {{ $value | humanize }}% full; the " + severity.label() + " threshold is "
                + percent + "%."),
        severity,
        Map.of());
  }

  static RuleGroup backups(SpecContext context, Checks.Backups backups) {
    List<Rule> rules = new ArrayList<>();
    for (Checks.BackupTier tier : backups.tiers()) {
      rules.add(countLow(context, backups, tier));
    }
    for (Checks.BackupTier tier : backups.tiers()) {
      rules.add(tooOld(context, tier));
    }
    rules.add(
        context.alert(
            new AlertText(
                "BackupNewestArchiveNotIntact",
                BACKUP_NEWEST_INTACT + " == 0",
                null,
                "The newest {{ $labels.tier }} backup on {{ $labels.host }} is not a readable"
                    + " archive.",
                "tar -tzf failed on the newest {{ $labels.tier }} archive in "
                    + backups.directory() + " on {{ $labels.host }} (" + BACKUP_NEWEST_INTACT
                    + " = {{ $value }}); restoring from it would fail."),
            Severity.WARNING,
            Map.of()));
    return new RuleGroup("opsbook-backups", rules);
  }

  private static Rule countLow(
      SpecContext context, Checks.Backups backups, Checks.BackupTier tier) {
    String selector = Promql.selector(BACKUP_COUNT, Map.of(LABEL_TIER, tier.name()));
    return context.alert(
        new AlertText(
            "BackupCountLow",
            selector + " < " + tier.minCount(),
            THIRTY_MINUTES,
            "Host {{ $labels.host }} keeps fewer than " + tier.minCount() + " " + tier.name()
                + " backups.",
            "{{ $labels.host }} has {{ $value }} " + tier.name() + " backups matching "
                + tier.pattern() + " in " + backups.directory() + "; the tier needs at least "
                + tier.minCount() + "."),
        Severity.WARNING,
        Map.of(LABEL_TIER, tier.name()));
  }

  private static Rule tooOld(SpecContext context, Checks.BackupTier tier) {
    String selector =
        Promql.selector(BACKUP_NEWEST_TIMESTAMP_SECONDS, Map.of(LABEL_TIER, tier.name()));
    return context.alert(
        new AlertText(
            "BackupTooOld",
            "time() - " + selector + " > " + Num.format(tier.maxAge().seconds()),
            TEN_MINUTES,
            "The newest " + tier.name() + " backup on {{ $labels.host }} is older than "
                + tier.maxAge() + ".",
            "The newest " + tier.name() + " backup on {{ $labels.host }} is"
                + " {{ $value | humanizeDuration }} old; the tier allows " + tier.maxAge()
                + "."),
        Severity.WARNING,
        Map.of(LABEL_TIER, tier.name()));
  }
}
