package dev.opsbook.rulegen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temporary directories that the promtool checks write to. */
final class TempDirs {

  private TempDirs() {}

  /** Deletes the directory and everything below it, unless {@code dir} is null. */
  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover directory under the temporary directory does no harm.
    }
  }
}
