package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputWriter;
import dev.opsbook.rulegen.promtool.Promtool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated rules pass the real promtool: check rules, and the hand-written unit tests. */
class PromtoolRulesTest {

  @TempDir Path temp;

  @Test
  void generatedRulesPassCheckRules() throws Exception {
    GeneratedOutput output = Generator.generate(SpecFixtures.sloSpec(), SpecFixtures.SPEC_NAME);
    OutputWriter.write(temp, output);
    List<Path> files = output.files().keySet().stream().map(temp::resolve).toList();

    Promtool.Result result = RealPromtool.get().run(checkArgs(files), null);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED").doesNotContain("lint");
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void committedRulesPassCheckRules() throws Exception {
    Path rules = GoldenFiles.repositoryRoot().resolve("generated/rules");
    List<Path> files;
    try (var paths = Files.list(rules)) {
      files = paths.filter(path -> path.toString().endsWith(".yml")).sorted().toList();
    }
    assertThat(files).hasSize(6);

    Promtool.Result result = RealPromtool.get().run(checkArgs(files), null);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED");
  }

  @Test
  void availabilityUnitTestsPass() throws Exception {
    Promtool.Result result = unitTest("slo-availability.yml", "slo-availability-test.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void latencyUnitTestsPass() throws Exception {
    Promtool.Result result = unitTest("slo-latency-p95.yml", "slo-latency-p95-test.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void frameRateUnitTestsPass() throws Exception {
    Promtool.Result result = unitTest("slo-frame-rate.yml", "slo-frame-rate-test.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void operationsUnitTestsPass() throws Exception {
    Promtool.Result result = unitTest("operations.yml", "operations-test.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  /** Copies a committed rule file and its test resource into one directory and runs the test. */
  private Promtool.Result unitTest(String ruleFile, String testFile) throws Exception {
    Path rules = GoldenFiles.repositoryRoot().resolve("generated/rules").resolve(ruleFile);
    Files.copy(rules, temp.resolve(ruleFile));
    Path test = temp.resolve(testFile);
    try (InputStream in = getClass().getResourceAsStream("/promtool/" + testFile)) {
      assertThat(in).as("test resource promtool/" + testFile).isNotNull();
      Files.copy(in, test, StandardCopyOption.REPLACE_EXISTING);
    }
    return RealPromtool.get().testRules(test);
  }

  private static List<String> checkArgs(List<Path> files) {
    List<String> args = new java.util.ArrayList<>(List.of("check", "rules", "--lint=all"));
    files.forEach(file -> args.add(file.toString()));
    return args;
  }
}
