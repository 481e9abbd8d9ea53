package dev.opsbook.rulegen.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes generated files so that the output directory contains either the old or the new set.
 * All files go to a staging directory inside the output directory first. Only when every file is
 * written are the owned entries swapped in by renames, and a failed swap is rolled back. A
 * process killed during the swap leaves its staging directory behind, and the next write
 * completes that swap before it starts its own.
 */
public final class OutputWriter {

  private static final String STAGING_PREFIX = ".rulegen-staging-";

  /** Marks a staging directory whose files are all written, so its swap may have started. */
  private static final String READY_MARKER = "ready";

  private OutputWriter() {}

  /**
   * Writes the output under {@code outDir}, replacing each owned entry as a whole.
   *
   * @throws IOException when a file cannot be written or moved; the owned entries are then as
   *     they were before the call
   */
  public static void write(Path outDir, GeneratedOutput output) throws IOException {
    Files.createDirectories(outDir);
    recoverInterrupted(outDir);
    Path staging =
        Files.createTempDirectory(outDir, STAGING_PREFIX + ProcessHandle.current().pid() + "-");
    try {
      Path fresh = Files.createDirectory(staging.resolve("new"));
      for (var file : output.files().entrySet()) {
        Path target = fresh.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(
            target,
            file.getValue().getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      }
      Path old = Files.createDirectory(staging.resolve("old"));
      Files.createFile(staging.resolve(READY_MARKER));
      swap(outDir, fresh, old, output);
    } finally {
      deleteRecursively(staging);
    }
  }

  private static void swap(Path outDir, Path fresh, Path old, GeneratedOutput output)
      throws IOException {
    List<String> movedAside = new ArrayList<>();
    List<String> movedIn = new ArrayList<>();
    try {
      for (String entry : output.ownedEntries()) {
        if (Files.exists(outDir.resolve(entry))) {
          move(outDir.resolve(entry), old.resolve(entry));
          movedAside.add(entry);
        }
      }
      for (String entry : output.ownedEntries()) {
        move(fresh.resolve(entry), outDir.resolve(entry));
        movedIn.add(entry);
      }
    } catch (IOException e) {
      rollBack(outDir, fresh, old, movedAside, movedIn, e);
      throw e;
    }
  }

  private static void rollBack(
      Path outDir,
      Path fresh,
      Path old,
      List<String> movedAside,
      List<String> movedIn,
      IOException failure) {
    try {
      for (String entry : movedIn) {
        move(outDir.resolve(entry), fresh.resolve(entry));
      }
      for (String entry : movedAside) {
        move(old.resolve(entry), outDir.resolve(entry));
      }
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Finishes the staging directories of writers that were killed. Without the ready marker the
   * swap never started, so the directory is only deleted. With it, the entries still in
   * {@code new} are swapped in, because some of the old ones may already have been moved aside.
   */
  private static void recoverInterrupted(Path outDir) throws IOException {
    List<Path> leftovers;
    try (Stream<Path> entries = Files.list(outDir)) {
      leftovers = entries.filter(OutputWriter::isAbandonedStaging).sorted().toList();
    }
    for (Path staging : leftovers) {
      Path fresh = staging.resolve("new");
      if (Files.exists(staging.resolve(READY_MARKER)) && Files.isDirectory(fresh)) {
        Path old = staging.resolve("old");
        Files.createDirectories(old);
        List<String> remaining;
        try (Stream<Path> entries = Files.list(fresh)) {
          remaining = entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
        for (String entry : remaining) {
          if (Files.exists(outDir.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
            move(outDir.resolve(entry), old.resolve(entry));
          }
          move(fresh.resolve(entry), outDir.resolve(entry));
        }
      }
      deleteRecursively(staging);
    }
  }

  /** Returns true for a staging directory whose writer process no longer runs. */
  private static boolean isAbandonedStaging(Path path) {
    String name = path.getFileName().toString();
    if (!name.startsWith(STAGING_PREFIX) || !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String rest = name.substring(STAGING_PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
      // NOTE: a reused process id keeps a dead writer's directory until that process ends.
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    } catch (NumberFormatException e) {
      // Directories of versions without the process id in the name.
      return true;
    }
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Staging sits inside the output directory, so this only happens on unusual file systems.
      Files.move(source, target);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
