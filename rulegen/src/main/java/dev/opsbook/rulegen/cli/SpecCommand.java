package dev.opsbook.rulegen.cli;

import dev.opsbook.rulegen.Generator;
import dev.opsbook.rulegen.RuleOverrides;
import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.promtool.Promtool;
import dev.opsbook.rulegen.promtool.QueryValidator;
import dev.opsbook.rulegen.promtool.ToolException;
import dev.opsbook.spec.Problem;
import dev.opsbook.spec.SpecException;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;

/** A subcommand that reads a spec; it reports failures as messages and exit codes. */
abstract class SpecCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file, such as slo-spec.yaml.")
  Path specFile;

  static final String PROMQL_NOT_CHECKED =
      "rulegen: note: PromQL syntax not checked because promtool was not found; install it"
          + " with apt-get install prometheus, or set PROMTOOL to its path";

  private SpecReader reader;
  PrintWriter out;
  PrintWriter err;

  void init(SpecReader reader, PrintWriter out, PrintWriter err) {
    this.reader = reader;
    this.out = out;
    this.err = err;
  }

  /** A failure already worded for the user, with its exit code. */
  static final class Failure extends Exception {

    private static final long serialVersionUID = 1L;

    final int exitCode;
    final transient List<String> lines;

    Failure(int exitCode, List<String> lines) {
      super(String.join("\n", lines));
      this.exitCode = exitCode;
      this.lines = List.copyOf(lines);
    }

    Failure(int exitCode, String line) {
      this(exitCode, List.of(line));
    }
  }

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (Failure failure) {
      failure.lines.forEach(err::println);
      return failure.exitCode;
    }
  }

  abstract int execute() throws Failure;

  /** Loads the spec, or fails with every problem as {@code file:line:col: path: message}. */
  Spec loadSpec() throws Failure {
    try {
      return reader.read(specFile);
    } catch (SpecException e) {
      throw new Failure(ExitCodes.INVALID, e.problems().stream().map(Problem::toString).toList());
    }
  }

  /**
   * Checks every PromQL query of the spec with the promtool that {@code $PROMTOOL} or the PATH
   * names. Without one, prints a note that the queries were not checked and returns.
   */
  void checkQueriesIfPromtoolFound(Spec spec) throws Failure {
    Optional<Promtool> promtool;
    try {
      promtool = Promtool.find();
    } catch (ToolException e) {
      throw new Failure(ExitCodes.FAILURE, "rulegen: " + e.getMessage());
    }
    if (promtool.isEmpty()) {
      err.println(PROMQL_NOT_CHECKED);
      return;
    }
    checkQueries(spec, promtool.get());
  }

  /** Fails with one problem per PromQL query of the spec that promtool cannot parse. */
  void checkQueries(Spec spec, Promtool promtool) throws Failure {
    inTempDir("rulegen-queries-", workDir -> {
      List<Problem> problems =
          QueryValidator.validate(spec, specFile.toString(), promtool, workDir);
      if (!problems.isEmpty()) {
        throw new Failure(ExitCodes.INVALID, problems.stream().map(Problem::toString).toList());
      }
    });
  }

  /** A step that runs promtool with files in a temporary directory. */
  @FunctionalInterface
  interface TempDirWork {
    void run(Path workDir) throws IOException, ToolException, Failure;
  }

  /**
   * Runs {@code work} in a new temporary directory and deletes the directory afterwards. An I/O
   * or promtool failure becomes a {@link Failure} with exit code {@link ExitCodes#FAILURE}.
   */
  static void inTempDir(String prefix, TempDirWork work) throws Failure {
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory(prefix);
      work.run(workDir);
    } catch (ToolException e) {
      throw new Failure(ExitCodes.FAILURE, "rulegen: " + e.getMessage());
    } catch (IOException e) {
      throw new Failure(
          ExitCodes.FAILURE,
          "rulegen: cannot use a temporary directory: " + IoErrors.describe(e));
    } finally {
      TempDirs.deleteQuietly(workDir);
    }
  }

  /** Generates the rule files of the spec, or fails when the spec yields nothing to write. */
  GeneratedOutput generateRules(Spec spec) throws Failure {
    try {
      return Generator.generate(spec, specName());
    } catch (IllegalArgumentException e) {
      throw new Failure(ExitCodes.INVALID, specFile + ": " + e.getMessage());
    }
  }

  /**
   * Generates the rules, their promtool tests and alertmanager.yml, and prints a note for each
   * alert left without a test. Fails with every problem of the alerting section.
   */
  GeneratedOutput generateAll(Spec spec, RuleOverrides overrides) throws Failure {
    Generator.Output output;
    try {
      output = Generator.generateAll(spec, specName(), overrides);
    } catch (SpecException e) {
      throw new Failure(ExitCodes.INVALID, e.problems().stream().map(Problem::toString).toList());
    } catch (IllegalArgumentException e) {
      throw new Failure(ExitCodes.INVALID, specFile + ": " + e.getMessage());
    }
    output.notes().forEach(note -> err.println("rulegen: note: " + note));
    return output.files();
  }

  /** Returns the spec's file name for headers; the directory is left out so output is portable. */
  String specName() {
    Path name = specFile.getFileName();
    return name == null ? specFile.toString() : name.toString();
  }
}
