package dev.opsbook.rulegen;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.ops.OperationsRuleFile;
import dev.opsbook.rulegen.render.RuleFileWriter;
import dev.opsbook.rulegen.slo.SloRuleFiles;
import dev.opsbook.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Compiles a spec into the rule files under {@code rules/}. */
public final class Generator {

  private Generator() {}

  /** Returns the rule model: one file per SLO, then the operational rules. */
  public static List<RuleFile> ruleFiles(Spec spec) {
    SpecContext context = new SpecContext(spec);
    List<RuleFile> files = new ArrayList<>(SloRuleFiles.build(context));
    OperationsRuleFile.build(context).ifPresent(files::add);
    return files;
  }

  /**
   * Returns the rendered files by path.
   *
   * @param specName spec file name for the header, such as {@code slo-spec.yaml}
   * @throws IllegalArgumentException when the spec yields no rules at all, so nothing would be
   *     written, or when two files get the same path
   */
  public static GeneratedOutput generate(Spec spec, String specName) {
    return generate(spec, specName, RuleOverrides.NONE);
  }

  /**
   * Returns the rendered files by path, with test overrides applied to the rules.
   *
   * @see #generate(Spec, String)
   */
  public static GeneratedOutput generate(Spec spec, String specName, RuleOverrides overrides) {
    TreeMap<String, String> files = new TreeMap<>();
    for (RuleFile file : overrides.apply(ruleFiles(spec))) {
      String previous = files.put(file.path(), RuleFileWriter.render(file, specName));
      if (previous != null) {
        throw new IllegalArgumentException(
            "two rule files would be written to " + file.path() + "; give the SLOs distinct names");
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "the spec yields no rules: add an SLO under slos or a check under checks");
    }
    return new GeneratedOutput(files);
  }
}
