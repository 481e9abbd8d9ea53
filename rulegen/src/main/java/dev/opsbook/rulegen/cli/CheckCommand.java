package dev.opsbook.rulegen.cli;

import dev.opsbook.rulegen.RuleOverrides;
import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputChecker;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rulegen check SPEC --out DIR}. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Fails with exit code 1 when DIR differs from what SPEC generates.",
      "Compares the rules, their promtool tests and alertmanager.yml. Prints a unified diff"
          + " of each stale file and lists missing and extra files.",
      "First checks that promtool parses each PromQL query of SPEC, as generate does."
    })
final class CheckCommand extends SpecCommand {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory of the committed output, such as generated.")
  Path outDir;

  @Override
  int execute() throws Failure {
    Spec spec = loadSpec();
    checkQueriesIfPromtoolFound(spec);
    GeneratedOutput expected = generateAll(spec, RuleOverrides.NONE);
    if (Files.notExists(outDir)) {
      // A missing directory is most often a mistyped --out, so one line names it instead of
      // listing every generated file as missing.
      err.println(
          "rulegen: output directory "
              + outDir
              + " not found; check the --out path, or create it with: rulegen generate "
              + specFile
              + " --out "
              + outDir);
      return ExitCodes.STALE;
    }
    OutputChecker.Result result;
    try {
      result = OutputChecker.check(outDir, expected);
    } catch (IOException e) {
      throw new Failure(
          ExitCodes.FAILURE, "rulegen: cannot read " + outDir + ": " + IoErrors.describe(e));
    }
    if (result.upToDate()) {
      out.println(outDir + " is up to date with " + specFile);
      return ExitCodes.OK;
    }
    result.stale().forEach(out::print);
    result.missing().forEach(path -> out.println("missing: " + path));
    result.extra().forEach(path -> out.println("extra: " + path + " (not generated any more)"));
    err.println(
        "rulegen: "
            + outDir
            + " is stale: "
            + result.stale().size()
            + " changed, "
            + result.missing().size()
            + " missing, "
            + result.extra().size()
            + " extra; run: rulegen generate "
            + specFile
            + " --out "
            + outDir);
    return ExitCodes.STALE;
  }
}
