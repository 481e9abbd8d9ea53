package dev.opsbook.rulegen.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Line diff in unified format, as {@code diff -u} prints it, from a longest common subsequence.
 * The table is quadratic in the line counts, which is fine for rule files of a few thousand lines.
 */
public final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  private enum Kind {
    SAME,
    REMOVED,
    ADDED
  }

  private record Edit(Kind kind, String line, int oldIndex, int newIndex) {}

  /** Returns the diff from {@code oldText} to {@code newText}, or an empty string when equal. */
  public static String diff(String oldName, String newName, String oldText, String newText) {
    if (oldText.equals(newText)) {
      return "";
    }
    List<String> oldLines = lines(oldText);
    List<String> newLines = lines(newText);
    List<Edit> edits = edits(oldLines, newLines);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n');
    out.append("+++ ").append(newName).append('\n');
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).kind() == Kind.SAME) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = hunkEnd(edits, i);
      appendHunk(out, edits.subList(start, end));
      i = end;
    }
    return out.toString();
  }

  /** Returns the end (exclusive) of the hunk that starts with a change at {@code first}. */
  private static int hunkEnd(List<Edit> edits, int first) {
    int lastChange = first;
    for (int j = first; j < edits.size(); j++) {
      if (edits.get(j).kind() != Kind.SAME) {
        lastChange = j;
      } else if (j - lastChange > 2 * CONTEXT) {
        break;
      }
    }
    return Math.min(edits.size(), lastChange + CONTEXT + 1);
  }

  private static void appendHunk(StringBuilder out, List<Edit> hunk) {
    int oldStart = -1;
    int newStart = -1;
    int oldCount = 0;
    int newCount = 0;
    for (Edit edit : hunk) {
      if (edit.kind() != Kind.ADDED) {
        oldStart = oldStart < 0 ? edit.oldIndex() : oldStart;
        oldCount++;
      }
      if (edit.kind() != Kind.REMOVED) {
        newStart = newStart < 0 ? edit.newIndex() : newStart;
        newCount++;
      }
    }
    out.append("@@ -").append(range(oldStart, oldCount, hunk.get(0).oldIndex()))
        .append(" +").append(range(newStart, newCount, hunk.get(0).newIndex()))
        .append(" @@\n");
    for (Edit edit : hunk) {
      char marker = switch (edit.kind()) {
        case SAME -> ' ';
        case REMOVED -> '-';
        case ADDED -> '+';
      };
      out.append(marker).append(edit.line()).append('\n');
    }
  }

  /** Formats a hunk range; an empty range names the line before it, as diff -u does. */
  private static String range(int start, int count, int fallback) {
    int first = count == 0 ? fallback : start + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static List<Edit> edits(List<String> a, List<String> b) {
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] =
            a.get(i).equals(b.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        edits.add(new Edit(Kind.SAME, a.get(i), i++, j++));
      } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
        // Removals before additions, as diff -u prints a changed line.
        edits.add(new Edit(Kind.REMOVED, a.get(i), i++, j));
      } else {
        edits.add(new Edit(Kind.ADDED, b.get(j), i, j++));
      }
    }
    return edits;
  }
}
