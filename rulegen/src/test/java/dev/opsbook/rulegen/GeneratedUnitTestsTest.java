package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputWriter;
import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.promtool.Promtool;
import dev.opsbook.spec.SpecLoader;
import dev.opsbook.spec.model.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The generated promtool unit tests, run by the real promtool. */
class GeneratedUnitTestsTest {

  /** All files together take about 33 s on two busy cores, so the deadline leaves room. */
  private static final Duration PROMTOOL_TIMEOUT = Duration.ofSeconds(240);

  @TempDir Path temp;

  @Test
  void committedAndFreshTestsPass() throws Exception {
    Path committed = GoldenFiles.repositoryRoot().resolve("generated");
    Path fresh = temp.resolve("fresh");
    OutputWriter.write(fresh, GoldenFiles.generate());

    // Two promtool runs at once, one per core, keep the module's test time down.
    CompletableFuture<Promtool.Result> freshRun =
        CompletableFuture.supplyAsync(() -> testAll(fresh));
    Promtool.Result committedRun = testAll(committed);

    assertPassed(committedRun, testFiles(committed).size());
    assertPassed(freshRun.get(), testFiles(fresh).size());
  }

  @Test
  void everyAlertHasFiringAndSilentCase() throws Exception {
    Spec spec = SpecLoader.load(GoldenFiles.spec());
    List<Map<String, Object>> checks = alertChecks(GoldenFiles.generate());
    List<AlertingRule> rules = new ArrayList<>();
    for (RuleFile file : Generator.ruleFiles(spec)) {
      rules.addAll(file.alertingRules());
    }
    assertThat(rules).as("alerting rules of slo-spec.yaml").isNotEmpty();

    for (AlertingRule rule : rules) {
      String what = rule.alert() + " " + rule.labels();
      assertThat(checks.stream().anyMatch(check -> fires(check, rule)))
          .as("a case where " + what + " fires").isTrue();
      assertThat(checks.stream().anyMatch(check -> silent(check, rule)))
          .as("a case where " + what + " is silent").isTrue();
    }
  }

  @Test
  void oldTestsFailAgainstRaisedDiskThreshold() throws Exception {
    String specText = Files.readString(GoldenFiles.spec());
    String raised =
        specText.replace("warning_percent: 80", "warning_percent: 95")
            .replace("critical_percent: 85", "critical_percent: 98");
    assertThat(raised).isNotEqualTo(specText);
    Path raisedSpec = Files.writeString(temp.resolve("slo-spec.yaml"), raised);
    Path out = temp.resolve("out");
    OutputWriter.write(out, GoldenFiles.generate());
    Path rules = out.resolve("rules/operations.yml");
    String oldRules = Files.readString(rules);
    GeneratedOutput newRules = Generator.generate(SpecLoader.load(raisedSpec), "slo-spec.yaml");
    Files.writeString(rules, newRules.files().get("rules/operations.yml"));
    assertThat(Files.readString(rules)).isNotEqualTo(oldRules).contains("> 95");

    Promtool.Result result =
        promtool().run(List.of("test", "rules", out.resolve("tests/operations-test.yml")
            .toString()), null);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("FAILED").contains("alertname: DiskUsageHigh");
  }

  /** Moves each disk threshold of slo-spec.yaml, 80 % and 85 %, by 5 % of its value. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"80, 76", "80, 84", "85, 80.75", "85, 89.25"})
  void testsFailAgainstMovedDiskThreshold(String threshold, String moved) throws Exception {
    Path out = temp.resolve("out");
    OutputWriter.write(out, GoldenFiles.generate());
    Path rules = out.resolve("rules/operations.yml");
    String oldRules = Files.readString(rules);
    // The disk expressions end with "> 0) > PERCENT", unlike the capacity alerts.
    String mutated = oldRules.replace("> 0) > " + threshold + "\n", "> 0) > " + moved + "\n");
    assertThat(mutated).isNotEqualTo(oldRules);
    Files.writeString(rules, mutated);

    Promtool.Result result =
        promtool().run(List.of("test", "rules", out.resolve("tests/operations-test.yml")
            .toString()), null);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("FAILED").contains("alertname: DiskUsageHigh");
  }

  @Test
  void testsFailAgainstLoweredBurnFactor() throws Exception {
    Path out = temp.resolve("out");
    OutputWriter.write(out, GoldenFiles.generate());
    Path rules = out.resolve("rules/slo-availability.yml");
    String oldRules = Files.readString(rules);
    // 14.4 times the 0.1 % budget is 0.0144, and 6 % lower is 0.013536.
    String lowered = oldRules.replace(">= 0.0144\n", ">= 0.013536\n");
    assertThat(lowered).isNotEqualTo(oldRules);
    Files.writeString(rules, lowered);

    Promtool.Result result =
        promtool().run(List.of("test", "rules", out.resolve("tests/slo-availability-page-test.yml")
            .toString()), null);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("FAILED").contains("1h/5m stays silent");
  }

  /**
   * Moves min_events of one pair's low-traffic guard of availability, 100 in slo-spec.yaml, by
   * 6 %. The guard groups of each pair put its count 5 % below and 5 % above 100.
   *
   * @param guard the end of the guard's event count in the rules, unique to the pair
   */
  @ParameterizedTest(name = "{3}: min_events {1}")
  @CsvSource({
    "'} * 3600', 106, page, 1h/5m fires above min_events",
    "'} * 3600', 94, page, 1h/5m stays silent below min_events",
    "'} * 21600', 106, page, 6h/30m fires above min_events",
    "'} * 21600', 94, page, 6h/30m stays silent below min_events",
    "'[1d:1h]) * 3600', 106, ticket, 1d/2h fires above min_events",
    "'[1d:1h]) * 3600', 94, ticket, 1d/2h stays silent below min_events",
    "'[3d:1h]) * 3600', 106, ticket, 3d/6h fires above min_events",
    "'[3d:1h]) * 3600', 94, ticket, 3d/6h stays silent below min_events"
  })
  void testsFailAgainstMovedMinEvents(String guard, String moved, String kind,
      String failingGroup) throws Exception {
    Path out = temp.resolve("out");
    OutputWriter.write(out, GoldenFiles.generate());
    Path rules = out.resolve("rules/slo-availability.yml");
    String oldRules = Files.readString(rules);
    String mutated = replaceOnce(oldRules, guard + " >= 100\n", guard + " >= " + moved + "\n");
    Files.writeString(rules, mutated);

    Promtool.Result result = promtool().run(List.of("test", "rules",
        out.resolve("tests/slo-availability-" + kind + "-test.yml").toString()), null);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("FAILED").contains(failingGroup);
  }

  /** Removes one pair's low-traffic guard of availability, so the pair fires below min_events. */
  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "'} * 3600', page, 1h/5m stays silent below min_events",
    "'} * 21600', page, 6h/30m stays silent below min_events",
    "'[1d:1h]) * 3600', ticket, 1d/2h stays silent below min_events",
    "'[3d:1h]) * 3600', ticket, 3d/6h stays silent below min_events"
  })
  void testsFailWithoutGuard(String guard, String kind, String failingGroup) throws Exception {
    Path out = temp.resolve("out");
    OutputWriter.write(out, GoldenFiles.generate());
    Path rules = out.resolve("rules/slo-availability.yml");
    String oldRules = Files.readString(rules);
    // The guard is the last operand of the alert expression: "\nand\n  COUNT >= 100".
    String line = oldRules.lines()
        .filter(text -> text.endsWith(guard + " >= 100"))
        .findFirst()
        .orElseThrow();
    String andLine = line.substring(0, line.indexOf(line.strip()) - 2) + "and\n";
    String mutated = replaceOnce(oldRules, andLine + line + "\n", "");
    Files.writeString(rules, mutated);

    Promtool.Result result = promtool().run(List.of("test", "rules",
        out.resolve("tests/slo-availability-" + kind + "-test.yml").toString()), null);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("FAILED").contains(failingGroup);
  }

  /** Returns text with its only occurrence of target replaced. */
  private static String replaceOnce(String text, String target, String replacement) {
    int first = text.indexOf(target);
    assertThat(first).as("occurrence of " + target).isNotNegative();
    assertThat(text.indexOf(target, first + 1)).as("second occurrence of " + target).isNegative();
    return text.substring(0, first) + replacement + text.substring(first + target.length());
  }

  private static boolean fires(Map<String, Object> check, AlertingRule rule) {
    return rule.alert().equals(check.get("alertname"))
        && expectedLabels(check).stream().anyMatch(labels -> contains(labels, rule));
  }

  private static boolean silent(Map<String, Object> check, AlertingRule rule) {
    return rule.alert().equals(check.get("alertname"))
        && expectedLabels(check).stream().noneMatch(labels -> contains(labels, rule));
  }

  private static boolean contains(Map<String, Object> labels, AlertingRule rule) {
    return rule.labels().entrySet().stream()
        .allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> expectedLabels(Map<String, Object> check) {
    List<Map<String, Object>> alerts = (List<Map<String, Object>>) check.get("exp_alerts");
    return alerts.stream().map(alert -> (Map<String, Object>) alert.get("exp_labels")).toList();
  }

  /** Returns every alert_rule_test entry of the generated test files. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> alertChecks(GeneratedOutput output) {
    List<Map<String, Object>> checks = new ArrayList<>();
    Yaml yaml = new Yaml(new LoaderOptions());
    output.files().forEach((path, text) -> {
      if (path.startsWith("tests/")) {
        Map<String, Object> file = yaml.load(text);
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("tests")) {
          Object alertTests = group.get("alert_rule_test");
          if (alertTests != null) {
            checks.addAll((List<Map<String, Object>>) alertTests);
          }
        }
      }
    });
    return checks;
  }

  private static void assertPassed(Promtool.Result result, int files) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output().split("SUCCESS", -1)).as(result.output()).hasSize(files + 1);
    assertThat(result.output()).doesNotContain("FAILED");
  }

  private static Promtool.Result testAll(Path outDir) {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    testFiles(outDir).forEach(file -> args.add(file.toString()));
    try {
      // Run from elsewhere: promtool resolves rule_files relative to each test file.
      return promtool().run(args, outDir.getParent());
    } catch (dev.opsbook.rulegen.promtool.ToolException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static List<Path> testFiles(Path outDir) {
    try (Stream<Path> files = Files.list(outDir.resolve("tests"))) {
      List<Path> tests = files.filter(path -> path.toString().endsWith("-test.yml")).sorted()
          .toList();
      assertThat(tests).as("test files in " + outDir).hasSize(12);
      return tests;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Promtool promtool() {
    return RealPromtool.get().withTimeout(PROMTOOL_TIMEOUT);
  }
}
