package dev.opsbook.rulegen.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCheckerTest {

  @TempDir Path out;

  private final GeneratedOutput expected =
      new GeneratedOutput(Map.of("rules/a.yml", "one\ntwo\nthree\n", "rules/b.yml", "b\n"));

  @Test
  void currentOutputIsUpToDate() throws IOException {
    OutputWriter.write(out, expected);

    assertThat(OutputChecker.check(out, expected).upToDate()).isTrue();
  }

  @Test
  void reportsStaleMissingAndExtra() throws IOException {
    OutputWriter.write(out, expected);
    Files.writeString(out.resolve("rules/a.yml"), "one\nTWO\nthree\n");
    Files.delete(out.resolve("rules/b.yml"));
    Files.writeString(out.resolve("rules/c.yml"), "c\n");

    OutputChecker.Result result = OutputChecker.check(out, expected);

    assertThat(result.upToDate()).isFalse();
    assertThat(result.stale()).hasSize(1);
    assertThat(result.stale().get(0))
        .contains("--- " + out.resolve("rules/a.yml") + " (committed)")
        .contains("-TWO\n")
        .contains("+two\n");
    assertThat(result.missing()).containsExactly(out.resolve("rules/b.yml").toString());
    assertThat(result.extra()).containsExactly(out.resolve("rules/c.yml").toString());
  }

  @Test
  void filesOutsideOwnedEntriesAreIgnored() throws IOException {
    OutputWriter.write(out, expected);
    Files.writeString(out.resolve("alertmanager.yml"), "x");

    assertThat(OutputChecker.check(out, expected).upToDate()).isTrue();
  }
}
