package dev.opsbook.rulegen.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the CLI with captured output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(SpecReader reader, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Rulegen.run(args, reader, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }
}
