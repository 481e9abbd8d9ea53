package dev.opsbook.spec;

import java.util.Collection;
import java.util.Optional;

/** Finds the valid key nearest to a misspelt one. */
final class Suggestions {

  private Suggestions() {}

  /**
   * Returns the candidate with the smallest Levenshtein distance to the word, if that distance is
   * small enough to be a typo: at most 2 edits, or a third of the word's length for long words.
   * Failing that, returns a candidate that starts with the word.
   */
  static Optional<String> nearest(String word, Collection<String> candidates) {
    int limit = Math.max(2, word.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = levenshtein(word.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (bestDistance <= limit) {
      return Optional.of(best);
    }
    // A key cut short, such as "runbook" for "runbook_url", is too far off by edits alone.
    if (word.length() >= 4) {
      for (String candidate : candidates) {
        if (candidate.toLowerCase().startsWith(word.toLowerCase())) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the number of single-character insertions, deletions and substitutions from a to b. */
  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
