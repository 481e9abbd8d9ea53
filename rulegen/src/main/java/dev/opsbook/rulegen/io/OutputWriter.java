package dev.opsbook.rulegen.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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
 * written are the owned entries swapped in by renames, and a failed swap is rolled back.
 */
public final class OutputWriter {

  private static final String STAGING_PREFIX = ".rulegen-staging-";

  private OutputWriter() {}

  /**
   * Writes the output under {@code outDir}, replacing each owned entry as a whole.
   *
   * @throws IOException when a file cannot be written or moved; the owned entries are then as
   *     they were before the call
   */
  public static void write(Path outDir, GeneratedOutput output) throws IOException {
    Files.createDirectories(outDir);
    Path staging = Files.createTempDirectory(outDir, STAGING_PREFIX);
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
      swap(outDir, fresh, Files.createDirectory(staging.resolve("old")), output);
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
