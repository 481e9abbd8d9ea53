package dev.opsbook.rulegen;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputWriter;
import dev.opsbook.spec.SpecLoader;
import java.nio.file.Path;

/** The repository's slo-spec.yaml and its committed output under generated/. */
public final class GoldenFiles {

  private GoldenFiles() {}

  /** Returns the repository root: the nearest directory above the module with slo-spec.yaml. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 3 && dir != null; i++) {
      if (dir.resolve("slo-spec.yaml").toFile().isFile()) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "slo-spec.yaml not found above " + Path.of("").toAbsolutePath());
  }

  /** Returns the committed generated/alertmanager.yml. */
  public static Path alertmanagerConfig() {
    return repositoryRoot().resolve("generated").resolve(Generator.ALERTMANAGER_PATH);
  }

  static Path spec() {
    return repositoryRoot().resolve("slo-spec.yaml");
  }

  /**
   * Returns everything the repository's spec generates, loaded by the real spec loader: rules,
   * promtool tests and alertmanager.yml.
   */
  static GeneratedOutput generate() throws Exception {
    return Generator.generateAll(SpecLoader.load(spec()), "slo-spec.yaml", RuleOverrides.NONE)
        .files();
  }

  /** Rewrites generated/, as {@code rulegen generate slo-spec.yaml --out generated} does. */
  static void update() throws Exception {
    OutputWriter.write(repositoryRoot().resolve("generated"), generate());
  }
}
