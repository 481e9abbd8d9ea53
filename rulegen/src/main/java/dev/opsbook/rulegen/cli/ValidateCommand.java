package dev.opsbook.rulegen.cli;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputWriter;
import dev.opsbook.rulegen.promtool.Promtool;
import dev.opsbook.rulegen.promtool.ToolException;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code rulegen validate SPEC}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks SPEC, its PromQL queries and its rules with promtool; writes nothing.",
      "Each query must parse as promtool parses it, and every generated rule file must pass"
          + " promtool check rules.",
      "Set PROMTOOL to use a promtool that is not on the PATH."
    })
final class ValidateCommand extends SpecCommand {

  @Override
  int execute() throws Failure {
    Spec spec = loadSpec();
    GeneratedOutput output = generateRules(spec);
    Promtool promtool;
    try {
      promtool = Promtool.locate();
    } catch (ToolException e) {
      throw new Failure(ExitCodes.FAILURE, "rulegen: " + e.getMessage());
    }
    checkQueries(spec, promtool);
    inTempDir("rulegen-validate-", workDir -> checkGenerated(promtool, workDir, output));
    int ruleFiles = output.files().size();
    out.println(
        specFile + " is valid: " + formatCount(spec.slos().size(), "SLO") + ", "
            + formatCount(ruleFiles, "rule file") + (ruleFiles == 1 ? " passes" : " pass")
            + " promtool check rules");
    return ExitCodes.OK;
  }

  private static String formatCount(int number, String noun) {
    return number + " " + noun + (number == 1 ? "" : "s");
  }

  private void checkGenerated(Promtool promtool, Path outDir, GeneratedOutput output)
      throws IOException, ToolException, Failure {
    OutputWriter.write(outDir, output);
    List<Path> files = output.files().keySet().stream().map(outDir::resolve).toList();
    Promtool.Result result = promtool.checkRules(files);
    if (result.exitCode() != 0) {
      throw new Failure(
          ExitCodes.INVALID,
          specFile + ": the generated rules fail promtool check rules:\n" + result.output());
    }
  }
}
