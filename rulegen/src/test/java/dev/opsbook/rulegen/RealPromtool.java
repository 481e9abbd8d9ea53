package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.fail;

import dev.opsbook.rulegen.promtool.Promtool;
import dev.opsbook.rulegen.promtool.ToolException;

/** The real promtool for tests; a missing binary fails the test instead of skipping it. */
public final class RealPromtool {

  private RealPromtool() {}

  public static Promtool get() {
    try {
      return Promtool.locate();
    } catch (ToolException e) {
      return fail(e.getMessage() + " (the tests run the real promtool)");
    }
  }
}
