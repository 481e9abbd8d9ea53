package dev.opsbook.rulegen.cli;

import dev.opsbook.rulegen.RuleOverrides;
import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputWriter;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rulegen generate SPEC --out DIR}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the rule files of SPEC to DIR/rules, their promtool unit tests to DIR/tests,"
          + " and DIR/alertmanager.yml when SPEC has an alerting section.",
      "Replaces each of them as a whole, so nothing in DIR changes when any file cannot be"
          + " written.",
      "Before writing, checks that promtool parses each PromQL query of SPEC, and writes"
          + " nothing when one fails. Without promtool on the PATH or in PROMTOOL, prints a"
          + " note and skips that check."
    })
final class GenerateCommand extends SpecCommand {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory, such as generated.")
  Path outDir;

  @Option(
      names = "--test-alert-for",
      paramLabel = "DURATION",
      description = {
        "For tests against a live Prometheus only: replaces the for duration of every alert,"
            + " such as 1s, and writes no promtool tests. Never use it for committed output."
      })
  String testAlertFor;

  @Option(
      names = "--test-critical-lines-lookback",
      paramLabel = "DURATION",
      description = {
        "For tests against a live Prometheus only: replaces the range of JournalCriticalLines,"
            + " which is 10m or three times journal.interval, whichever is longer, with this one,"
            + " such as 20s, so the alert ends soon after the last line. Writes no promtool"
            + " tests. Never use it for committed output."
      })
  String testCriticalLinesLookback;

  @Override
  int execute() throws Failure {
    RuleOverrides overrides =
        new RuleOverrides(
            duration("--test-alert-for", testAlertFor),
            duration("--test-critical-lines-lookback", testCriticalLinesLookback));
    Spec spec = loadSpec();
    checkQueriesIfPromtoolFound(spec);
    GeneratedOutput output = generateAll(spec, overrides);
    try {
      OutputWriter.write(outDir, output);
    } catch (IOException e) {
      throw new Failure(
          ExitCodes.FAILURE, "rulegen: cannot write " + outDir + ": " + IoErrors.describe(e));
    }
    out.println("wrote " + output.files().size() + " files to " + outDir);
    return ExitCodes.OK;
  }

  /** Parses an override option, or returns null when it is not given. */
  private static PromDuration duration(String option, String value) throws Failure {
    if (value == null) {
      return null;
    }
    try {
      return PromDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new Failure(ExitCodes.INVALID, "rulegen: " + option + ": " + e.getMessage());
    }
  }
}
