package dev.opsbook.rulegen.cli;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputWriter;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rulegen generate SPEC --out DIR}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the rule files of SPEC to DIR/rules.",
      "Replaces DIR/rules as a whole; nothing in DIR changes when any file cannot be written."
    })
final class GenerateCommand extends SpecCommand {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory, such as generated.")
  Path outDir;

  @Override
  int execute() throws Failure {
    GeneratedOutput output = generate(loadSpec());
    try {
      OutputWriter.write(outDir, output);
    } catch (IOException e) {
      throw new Failure(ExitCodes.FAILURE, "rulegen: cannot write " + outDir + ": " + e);
    }
    out.println("wrote " + output.files().size() + " files to " + outDir);
    return ExitCodes.OK;
  }
}
