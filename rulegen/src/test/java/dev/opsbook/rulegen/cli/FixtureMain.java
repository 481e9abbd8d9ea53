package dev.opsbook.rulegen.cli;

import dev.opsbook.rulegen.SpecFixtures;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in a child JVM with the fixture spec, for tests that need their own environment. */
public final class FixtureMain {

  private FixtureMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(Rulegen.run(args, file -> SpecFixtures.sloSpec(), out, err));
  }
}
