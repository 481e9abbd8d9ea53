package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.spec.SpecLoader;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Spec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleOverridesTest {

  private static Spec realSpec() throws Exception {
    return SpecLoader.load(Path.of("..", "slo-spec.yaml"));
  }

  @Test
  void noneLeavesOutputUnchanged() throws Exception {
    Spec spec = realSpec();

    assertThat(Generator.generate(spec, "slo-spec.yaml", RuleOverrides.NONE).files())
        .isEqualTo(Generator.generate(spec, "slo-spec.yaml").files());
  }

  @Test
  void alertForReplacesEveryAlertFor() throws Exception {
    List<RuleFile> files =
        new RuleOverrides(PromDuration.parse("1s")).apply(Generator.ruleFiles(realSpec()));

    List<AlertingRule> alerts = files.stream().flatMap(f -> f.alertingRules().stream()).toList();
    assertThat(alerts).isNotEmpty();
    assertThat(alerts).allSatisfy(a -> assertThat(a.forDuration()).hasToString("1s"));
  }

  @Test
  void alertForKeepsRecordingRules() throws Exception {
    List<RuleFile> original = Generator.ruleFiles(realSpec());
    List<RuleFile> changed = new RuleOverrides(PromDuration.parse("1s")).apply(original);

    long recordings = countRecordings(original);
    assertThat(recordings).isPositive();
    assertThat(countRecordings(changed)).isEqualTo(recordings);
  }

  private static long countRecordings(List<RuleFile> files) {
    return files.stream()
        .flatMap(f -> f.groups().stream())
        .flatMap(g -> g.rules().stream())
        .filter(r -> !(r instanceof AlertingRule))
        .count();
  }
}
