package dev.opsbook.exporter.collect.backup;

import dev.opsbook.exporter.collect.backup.BackupListingParser.BackupFile;
import dev.opsbook.spec.model.Checks.BackupTier;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** Groups listed files into retention tiers by glob. Pure: no I/O. */
public final class BackupTiers {

  /**
   * Archives of one tier.
   *
   * @param tier the tier
   * @param count number of matching files
   * @param totalBytes sum of their sizes
   * @param newest the newest file, or {@code null} when none matches
   */
  public record TierSummary(BackupTier tier, int count, long totalBytes, BackupFile newest) {}

  private BackupTiers() {}

  /**
   * Returns one summary per tier, in tier order. A file may match several tiers. Patterns are
   * Java globs, which match shell globs for {@code *}, {@code ?} and {@code [...]}; {@code *}
   * does not cross a {@code /}.
   *
   * @throws IllegalArgumentException when a pattern is not a valid glob
   */
  public static List<TierSummary> summarize(List<BackupTier> tiers, List<BackupFile> files) {
    List<TierSummary> summaries = new ArrayList<>();
    for (BackupTier tier : tiers) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + tier.pattern());
      int count = 0;
      long total = 0;
      BackupFile newest = null;
      for (BackupFile file : files) {
        if (!matches(matcher, file.relativePath())) {
          continue;
        }
        count++;
        total += file.sizeBytes();
        if (newest == null || file.mtimeSeconds() > newest.mtimeSeconds()) {
          newest = file;
        }
      }
      summaries.add(new TierSummary(tier, count, total, newest));
    }
    return summaries;
  }

  private static boolean matches(PathMatcher matcher, String relativePath) {
    try {
      return matcher.matches(Path.of(relativePath));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
