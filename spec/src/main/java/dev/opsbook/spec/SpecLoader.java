package dev.opsbook.spec;

import dev.opsbook.spec.model.Spec;
import java.nio.file.Path;

/** Reads and validates {@code slo-spec.yaml}. */
public final class SpecLoader {

  private SpecLoader() {}

  /**
   * Reads, binds and validates a spec file.
   *
   * @throws SpecException with every problem found when the file is missing, unreadable, not YAML
   *     or invalid
   */
  public static Spec load(Path file) throws SpecException {
    // TODO: not implemented yet.
    throw new SpecException(
        java.util.List.of(new Problem(file.toString(), 0, 0, "", "spec parsing is not implemented")));
  }
}
