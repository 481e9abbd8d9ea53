package dev.opsbook.rulegen.cli;

import dev.opsbook.spec.SpecException;
import dev.opsbook.spec.model.Spec;
import java.nio.file.Path;

/** Loads a spec file; the CLI uses {@link dev.opsbook.spec.SpecLoader#load}, tests a fixture. */
@FunctionalInterface
public interface SpecReader {

  Spec read(Path file) throws SpecException;
}
