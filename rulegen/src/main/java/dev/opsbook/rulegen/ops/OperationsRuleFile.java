package dev.opsbook.rulegen.ops;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.spec.model.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@code rules/operations.yml}: one group per configured check, each alert reading only
 * the exporter's metrics from {@link dev.opsbook.spec.MetricNames}.
 */
public final class OperationsRuleFile {

  public static final String PATH = "rules/operations.yml";

  private OperationsRuleFile() {}

  /**
   * Returns the file, or empty when the spec configures no checks. The exporter then runs
   * nothing, and its own alerts would only report a missing exporter.
   */
  public static Optional<RuleFile> build(SpecContext context) {
    Checks checks = context.spec().checks();
    if (checks == null || checks.isEmpty()) {
      return Optional.empty();
    }
    List<RuleGroup> groups = new ArrayList<>();
    groups.add(ExporterRules.group(context, checks.exporterHealth()));

    if (checks.serviceUnits() != null) {
      add(groups, ServiceRules.systemd(context, checks.serviceUnits()));
    }
    if (checks.statusEndpoint() != null) {
      add(groups, ServiceRules.statusEndpoint(context, checks.statusEndpoint()));
    }

    if (checks.disk() != null) {
      add(groups, StorageRules.disk(context, checks.disk()));
    }
    if (checks.certificates() != null) {
      add(groups, CertificateRules.group(context, checks.certificates()));
    }
    if (checks.backups() != null) {
      add(groups, StorageRules.backups(context, checks.backups()));
    }

    if (checks.journal() != null) {
      add(groups, JournalRules.group(context, checks.journal()));
    }
    if (checks.uptime() != null) {
      add(groups, HostRules.uptime(context, checks.uptime()));
    }
    if (checks.updates() != null) {
      add(groups, HostRules.updates(context, checks.updates()));
    }
    if (checks.capacity() != null) {
      add(groups, CapacityRules.group(context, checks.capacity()));
    }
    return Optional.of(new RuleFile(PATH, groups));
  }

  private static void add(List<RuleGroup> groups, RuleGroup group) {
    if (group != null) {
      groups.add(group);
    }
  }
}
