package dev.opsbook.rulegen.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Compares committed generated files with what the spec generates now. */
public final class OutputChecker {

  private OutputChecker() {}

  /**
   * The differences found.
   *
   * @param stale unified diffs of files whose text differs, from committed to expected
   * @param missing expected files that do not exist
   * @param extra files inside an owned entry that the spec no longer generates
   */
  public record Result(List<String> stale, List<String> missing, List<String> extra) {

    public Result {
      stale = List.copyOf(stale);
      missing = List.copyOf(missing);
      extra = List.copyOf(extra);
    }

    public boolean upToDate() {
      return stale.isEmpty() && missing.isEmpty() && extra.isEmpty();
    }
  }

  /** Compares {@code expected} with the files under {@code outDir}. */
  public static Result check(Path outDir, GeneratedOutput expected) throws IOException {
    List<String> stale = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (var file : expected.files().entrySet()) {
      Path path = outDir.resolve(file.getKey());
      if (!Files.isRegularFile(path)) {
        missing.add(display(outDir, file.getKey()));
        continue;
      }
      String actual = Files.readString(path, StandardCharsets.UTF_8);
      String name = display(outDir, file.getKey());
      String diff = UnifiedDiff.diff(name + " (committed)", name + " (generated)", actual,
          file.getValue());
      if (!diff.isEmpty()) {
        stale.add(diff);
      }
    }
    List<String> extra = new ArrayList<>();
    for (String relative : existingFiles(outDir, expected)) {
      if (!expected.files().containsKey(relative)) {
        extra.add(display(outDir, relative));
      }
    }
    return new Result(stale, missing, extra);
  }

  private static TreeSet<String> existingFiles(Path outDir, GeneratedOutput expected)
      throws IOException {
    TreeSet<String> files = new TreeSet<>();
    for (String entry : expected.ownedEntries()) {
      Path root = outDir.resolve(entry);
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        paths
            .filter(Files::isRegularFile)
            .map(path -> outDir.relativize(path).toString().replace('\\', '/'))
            .forEach(files::add);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return files;
  }

  private static String display(Path outDir, String relative) {
    return outDir.resolve(relative).toString().replace('\\', '/');
  }
}
