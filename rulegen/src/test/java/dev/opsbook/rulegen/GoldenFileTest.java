package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputChecker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed generated/ directory is exactly what the spec generates. */
class GoldenFileTest {

  @Test
  void generatedDirectoryIsCurrent() throws Exception {
    if (Boolean.getBoolean("golden.update")) {
      GoldenFiles.update();
    }
    Path generated = GoldenFiles.repositoryRoot().resolve("generated");
    GeneratedOutput expected = Generator.generate(SpecFixtures.sloSpec(), SpecFixtures.SPEC_NAME);

    OutputChecker.Result result = OutputChecker.check(generated, expected);

    assertThat(result.missing()).as("missing files").isEmpty();
    assertThat(result.extra()).as("extra files").isEmpty();
    assertThat(result.stale())
        .as("stale files; rerun with -Dgolden.update=true after reviewing the diff")
        .isEmpty();
  }
}
