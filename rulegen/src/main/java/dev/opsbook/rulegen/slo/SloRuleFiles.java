package dev.opsbook.rulegen.slo;

import dev.opsbook.rulegen.Names;
import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.spec.model.Slo;
import java.util.ArrayList;
import java.util.List;

/** Builds one rule file per SLO: {@code rules/slo-<name>.yml}. */
public final class SloRuleFiles {

  private SloRuleFiles() {}

  /** Returns the rule files of every SLO, in spec order. */
  public static List<RuleFile> build(SpecContext context) {
    List<RuleFile> files = new ArrayList<>();
    for (Slo slo : context.spec().slos()) {
      files.add(build(context, slo));
    }
    return files;
  }

  /** Returns the rule file of one SLO: a group of recording rules and a group of alerts. */
  public static RuleFile build(SpecContext context, Slo slo) {
    SloSeries series = new SloSeries(context.spec().service(), slo);
    String prefix = "slo-" + Names.fileName(slo.name());
    List<RuleGroup> groups = new ArrayList<>();
    groups.add(new RuleGroup(prefix + "-recordings", new SloRecordings(context, series).rules()));
    groups.add(new RuleGroup(prefix + "-alerts", new SloAlerts(context, series).rules()));
    return new RuleFile("rules/" + prefix + ".yml", groups);
  }
}
