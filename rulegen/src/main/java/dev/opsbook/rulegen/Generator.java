package dev.opsbook.rulegen;

import dev.opsbook.rulegen.alertmanager.AlertmanagerConfigRenderer;
import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.ops.OperationsRuleFile;
import dev.opsbook.rulegen.render.RuleFileWriter;
import dev.opsbook.rulegen.render.UnitTestWriter;
import dev.opsbook.rulegen.slo.SloRuleFiles;
import dev.opsbook.rulegen.unittest.UnitTestFile;
import dev.opsbook.rulegen.unittest.UnitTests;
import dev.opsbook.spec.SpecException;
import dev.opsbook.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compiles a spec into the rule files under {@code rules/}, their promtool unit tests under
 * {@code tests/}, and {@code alertmanager.yml}.
 */
public final class Generator {

  /** Path of the Alertmanager configuration in the output directory. */
  public static final String ALERTMANAGER_PATH = "alertmanager.yml";

  private Generator() {}

  /** Returns the rule model: one file per SLO, then the operational rules. */
  public static List<RuleFile> ruleFiles(Spec spec) {
    return ruleFiles(spec, RuleOverrides.NONE);
  }

  /** Returns the rule model with test overrides applied. */
  public static List<RuleFile> ruleFiles(Spec spec, RuleOverrides overrides) {
    SpecContext context = new SpecContext(spec, overrides);
    List<RuleFile> files = new ArrayList<>(SloRuleFiles.build(context));
    OperationsRuleFile.build(context).ifPresent(files::add);
    return overrides.apply(files);
  }

  /**
   * Returns the rendered rule files by path.
   *
   * @param specName spec file name for the header, such as {@code slo-spec.yaml}
   * @throws IllegalArgumentException when the spec yields no rules at all, so nothing would be
   *     written, or when two files get the same path
   */
  public static GeneratedOutput generate(Spec spec, String specName) {
    return generate(spec, specName, RuleOverrides.NONE);
  }

  /**
   * Returns the rendered rule files by path, with test overrides applied to the rules.
   *
   * @see #generate(Spec, String)
   */
  public static GeneratedOutput generate(Spec spec, String specName, RuleOverrides overrides) {
    return new GeneratedOutput(renderRules(ruleFiles(spec, overrides), specName));
  }

  /**
   * Returns everything that {@code rulegen generate} writes: the rule files, their promtool unit
   * tests, and {@code alertmanager.yml} when the spec has an alerting section. With overrides
   * the tests are left out, because they test the production {@code for} durations.
   *
   * @throws SpecException when the alerting section cannot be rendered for Alertmanager
   * @throws IllegalArgumentException as {@link #generate(Spec, String)} does
   */
  public static Output generateAll(Spec spec, String specName, RuleOverrides overrides)
      throws SpecException {
    List<RuleFile> rules = ruleFiles(spec);
    TreeMap<String, String> files = renderRules(ruleFiles(spec, overrides), specName);
    List<String> notes = List.of();
    if (overrides.isNone()) {
      UnitTests.Result tests = UnitTests.build(spec, rules);
      for (UnitTestFile test : tests.files()) {
        put(files, test.path(), UnitTestWriter.render(test, specName));
      }
      notes = tests.notes();
    }
    if (spec.alerting() != null) {
      put(files, ALERTMANAGER_PATH, new AlertmanagerConfigRenderer().render(spec));
    }
    return new Output(new GeneratedOutput(files), notes);
  }

  /**
   * Generated files with notes on what could not be generated.
   *
   * @param files files by path
   * @param notes one line per alert or SLO without a promtool test, saying why
   */
  public record Output(GeneratedOutput files, List<String> notes) {

    public Output {
      notes = List.copyOf(notes);
    }
  }

  private static TreeMap<String, String> renderRules(List<RuleFile> ruleFiles, String specName) {
    TreeMap<String, String> files = new TreeMap<>();
    for (RuleFile file : ruleFiles) {
      put(files, file.path(), RuleFileWriter.render(file, specName));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "the spec yields no rules: add an SLO under slos or a check under checks");
    }
    return files;
  }

  private static void put(SortedMap<String, String> files, String path, String text) {
    if (files.put(path, text) != null) {
      throw new IllegalArgumentException(
          "two files would be written to " + path + "; give the SLOs distinct names");
    }
  }
}
