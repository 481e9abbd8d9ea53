package dev.opsbook.rulegen.unittest;

import dev.opsbook.rulegen.Names;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.ops.OperationsRuleFile;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the promtool unit tests of every generated alert, as files under {@code tests/}. */
public final class UnitTests {

  private UnitTests() {}

  /**
   * The test files, and one note per alert or SLO that got no test, saying why.
   *
   * @param files test files in rule-file order
   * @param notes reasons for missing tests, such as a selector that is not a plain selector
   */
  public record Result(List<UnitTestFile> files, List<String> notes) {

    public Result {
      files = List.copyOf(files);
      notes = List.copyOf(notes);
    }
  }

  /** Returns the tests of the rule files that {@code spec} generated. */
  public static Result build(Spec spec, List<RuleFile> ruleFiles) {
    List<UnitTestFile> files = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Slo slo : spec.slos()) {
      String path = "rules/slo-" + Names.fileName(slo.name()) + ".yml";
      Optional<RuleFile> ruleFile =
          ruleFiles.stream().filter(file -> file.path().equals(path)).findFirst();
      if (ruleFile.isEmpty()) {
        continue;
      }
      SloTestFiles.Result tests = SloTestFiles.build(slo, ruleFile.get());
      files.addAll(tests.files());
      tests.note().ifPresent(notes::add);
    }
    for (RuleFile file : ruleFiles) {
      if (file.path().equals(OperationsRuleFile.PATH)) {
        OperationsTestFiles.Result operations = OperationsTestFiles.build(spec, file);
        files.addAll(operations.files());
        notes.addAll(operations.notes());
      }
    }
    return new Result(files, notes);
  }
}
