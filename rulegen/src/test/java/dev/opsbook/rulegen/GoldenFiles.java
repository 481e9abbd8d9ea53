package dev.opsbook.rulegen;

import dev.opsbook.rulegen.io.OutputWriter;
import java.nio.file.Path;

/**
 * Regenerates the committed generated/ directory from the fixture spec. Run with {@code mvn -q -pl
 * rulegen exec:java} is not set up; the golden test calls {@link #repositoryRoot()} and writes
 * when the system property {@code golden.update} is {@code true}.
 */
final class GoldenFiles {

  private GoldenFiles() {}

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    // Surefire runs in the module directory; the repository root holds slo-spec.yaml.
    for (int i = 0; i < 3 && dir != null; i++) {
      if (dir.resolve("slo-spec.yaml").toFile().isFile()) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("slo-spec.yaml not found above " + Path.of("").toAbsolutePath());
  }

  static void update() throws Exception {
    OutputWriter.write(
        repositoryRoot().resolve("generated"),
        Generator.generate(SpecFixtures.sloSpec(), SpecFixtures.SPEC_NAME));
  }
}
