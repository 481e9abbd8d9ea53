package dev.opsbook.rulegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.SpecFixtures;
import dev.opsbook.spec.Problem;
import dev.opsbook.spec.SpecException;
import dev.opsbook.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulegenCliTest {

  private static final SpecReader FIXTURE = file -> SpecFixtures.sloSpec();

  @TempDir Path temp;

  private CliRun run(String... args) {
    return CliRun.of(FIXTURE, args);
  }

  @Test
  void generateWritesRuleFiles() {
    Path out = temp.resolve("generated");

    CliRun run = run("generate", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote 19 files to " + out);
    assertThat(out.resolve("rules/slo-availability.yml")).isRegularFile();
    assertThat(out.resolve("rules/operations.yml")).isRegularFile();
  }

  @Test
  void generateAppliesTestOverrides() throws Exception {
    Path out = temp.resolve("generated");

    CliRun run = run("generate", "slo-spec.yaml", "--out", out.toString(),
        "--test-alert-for=1s", "--test-critical-lines-lookback=20s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String operations = Files.readString(out.resolve("rules/operations.yml"));
    assertThat(operations).contains("{pattern=\"critical\"}[20s]) > 0");
    assertThat(operations).contains("for: 1s").doesNotContain("for: 5m");
  }

  @Test
  void invalidTestOverrideNamesTheOption() {
    CliRun run = run("generate", "slo-spec.yaml", "--out", temp.toString(),
        "--test-critical-lines-lookback=soon");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("--test-critical-lines-lookback").doesNotContain("\tat ");
  }

  @Test
  void checkPassesOnFreshOutput() {
    Path out = temp.resolve("generated");
    run("generate", "slo-spec.yaml", "--out", out.toString());

    CliRun run = run("check", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("is up to date");
  }

  @Test
  void checkFailsWithDiffOnStaleFile() throws Exception {
    Path out = temp.resolve("generated");
    run("generate", "slo-spec.yaml", "--out", out.toString());
    Path file = out.resolve("rules/operations.yml");
    Files.writeString(file, Files.readString(file).replace("> 85", "> 95"));

    CliRun run = run("check", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.STALE);
    assertThat(run.out())
        .contains("--- " + file + " (committed)")
        .contains("+++ " + file + " (generated)")
        .contains("-          100 * opsbook_filesystem_used_bytes")
        .contains("+          100 * opsbook_filesystem_used_bytes")
        .contains("> 95")
        .contains("> 85");
    assertThat(run.err())
        .contains("1 changed, 0 missing, 0 extra")
        .contains("run: rulegen generate slo-spec.yaml --out " + out);
  }

  @Test
  void checkReportsMissingAndExtraFiles() throws Exception {
    Path out = temp.resolve("generated");
    run("generate", "slo-spec.yaml", "--out", out.toString());
    Files.delete(out.resolve("rules/slo-frame-rate.yml"));
    Files.writeString(out.resolve("rules/slo-old.yml"), "groups: []\n");

    CliRun run = run("check", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.STALE);
    assertThat(run.out())
        .contains("missing: " + out.resolve("rules/slo-frame-rate.yml"))
        .contains("extra: " + out.resolve("rules/slo-old.yml"));
  }

  @Test
  void checkNamesMissingOutputDirectory() {
    Path out = temp.resolve("genrated");

    CliRun run = run("check", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.STALE);
    assertThat(run.err())
        .isEqualTo("rulegen: output directory " + out + " not found; check the --out path,"
            + " or create it with: rulegen generate slo-spec.yaml --out " + out + "\n");
    assertThat(run.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void invalidSpecPrintsProblemsWithoutStackTrace() {
    SpecReader invalid =
        file -> {
          throw new SpecException(
              List.of(
                  new Problem("slo-spec.yaml", 12, 16, "slos[0].objective",
                      "objective 100 leaves no error budget; use a value below 100"),
                  new Problem("slo-spec.yaml", 3, 1, "servce",
                      "unknown key servce; did you mean service?")));
        };

    CliRun run = CliRun.of(invalid, "generate", "slo-spec.yaml", "--out", temp.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err())
        .contains("slo-spec.yaml:12:16: slos[0].objective: objective 100 leaves no error budget")
        .contains("slo-spec.yaml:3:1: servce: unknown key servce");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(temp.resolve("rules")).doesNotExist();
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run().exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run("generate", "slo-spec.yaml").exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run("frobnicate").exitCode()).isEqualTo(ExitCodes.INVALID);
    CliRun unknown = run("check", "slo-spec.yaml", "--out", "x", "--fast");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(unknown.err()).contains("Unknown option: '--fast'");
  }

  @Test
  void helpListsSubcommandsAndExitCodes() {
    CliRun run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("generate")
        .contains("validate")
        .contains("check")
        .contains("Exit codes:")
        .contains("1   check found a stale, missing or extra generated file");
  }

  @Test
  void helpLimitsMissingPromtoolToValidate() {
    CliRun run = run("--help");

    // generate and check print a note and go on without promtool, so only validate exits 3.
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("3   I/O failure, promtool failing, or, for validate only,");
  }

  @Test
  void versionPrintsProjectVersion() {
    CliRun run = run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("rulegen 0.1.0");
  }

  @Test
  void unwritableOutputExitsWithThree() throws Exception {
    Path blocker = Files.writeString(temp.resolve("not-a-directory"), "x");

    CliRun run = run("generate", "slo-spec.yaml", "--out", blocker.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .isEqualTo(
            "rulegen: cannot write " + blocker + ": " + blocker
                + " exists and is not a directory; pass a directory to --out\n");
  }

  @Test
  void outputBelowFileNamesTheProblem() throws Exception {
    Path blocker = Files.writeString(temp.resolve("not-a-directory"), "x");
    Path out = blocker.resolve("generated");

    CliRun run = run("generate", "slo-spec.yaml", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("rulegen: cannot write " + out + ": ");
    assertThat(run.err()).contains("Not a directory");
    assertThat(run.err()).doesNotContain("java.nio");
  }

  @Test
  void validatePassesWithRealPromtool() {
    dev.opsbook.rulegen.RealPromtool.get();

    CliRun run = run("validate", "slo-spec.yaml");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo("slo-spec.yaml is valid: 5 SLOs, 6 rule files pass promtool check rules\n");
  }

  @Test
  void validateCountsOneRuleFileInSingular() throws Exception {
    dev.opsbook.rulegen.RealPromtool.get();
    Path spec =
        Files.writeString(
            temp.resolve("disk-only.yaml"),
            String.join(
                "\n",
                "version: 1",
                "service: trial",
                "runbook_url: https://runbooks.example.com/trial",
                "checks:",
                "  disk:",
                "    paths: [/]",
                "    warning_percent: 80",
                "    critical_percent: 90",
                ""));

    CliRun run = CliRun.of(SpecLoader::load, "validate", spec.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(spec + " is valid: 0 SLOs, 1 rule file passes promtool check rules\n");
  }
}
