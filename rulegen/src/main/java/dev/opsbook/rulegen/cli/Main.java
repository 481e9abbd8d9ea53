package dev.opsbook.rulegen.cli;

import dev.opsbook.spec.SpecLoader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code rulegen.jar}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(Rulegen.run(args, SpecLoader::load, out, err));
  }
}
