package dev.opsbook.rulegen.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rulegen} command: subcommands generate, validate and check. */
@Command(
    name = "rulegen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Compiles an SLO spec into Prometheus recording and alerting rules.",
    subcommands = {GenerateCommand.class, ValidateCommand.class, CheckCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success; for check, the output directory is current",
      "1:check found a stale, missing or extra generated file",
      "2:invalid spec or command line, including PromQL that promtool cannot parse",
      "3:I/O failure, promtool failing, or, for validate only, promtool missing"
    })
public final class Rulegen implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec commandSpec;

  @Override
  public Integer call() {
    CommandLine commandLine = commandSpec.commandLine();
    commandLine.getErr().println("rulegen: missing subcommand; use generate, validate or check");
    commandLine.usage(commandLine.getErr());
    return ExitCodes.INVALID;
  }

  /** Runs the command line, printing to {@code out} and {@code err}, and returns the exit code. */
  public static int run(String[] args, SpecReader reader, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Rulegen(), new Factory(reader, out, err));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          // Reaching here is a rulegen bug; the message still beats a stack trace for users.
          err.println("rulegen: internal error: " + e);
          return ExitCodes.FAILURE;
        });
    int code;
    try {
      code = commandLine.execute(args);
    } catch (RuntimeException | LinkageError e) {
      // picocli passes errors through; a broken jar still gets one line, not a stack trace.
      err.println("rulegen: internal error: " + e);
      code = ExitCodes.FAILURE;
    }
    out.flush();
    err.flush();
    return code;
  }

  /** Creates subcommands with the shared spec reader and output streams. */
  private record Factory(SpecReader reader, PrintWriter out, PrintWriter err)
      implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (SpecCommand.class.isAssignableFrom(type)) {
        SpecCommand command = (SpecCommand) CommandLine.defaultFactory().create(type);
        command.init(reader, out, err);
        return type.cast(command);
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
