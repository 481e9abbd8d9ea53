package dev.opsbook.rulegen.io;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Generated files by path relative to the output directory, such as {@code rules/operations.yml}.
 * The first segment of each path is an entry that rulegen owns: it replaces that entry as a whole
 * and reports any other file inside it as extra.
 *
 * @param files file text by relative path, sorted; never empty
 */
public record GeneratedOutput(SortedMap<String, String> files) {

  public GeneratedOutput {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files to write");
    }
    for (String path : files.keySet()) {
      requireRelative(path);
    }
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  public GeneratedOutput(Map<String, String> files) {
    this(new TreeMap<>(files));
  }

  /** Returns the owned top-level entries, such as {@code rules}, in path order. */
  public Set<String> ownedEntries() {
    Set<String> entries = new LinkedHashSet<>();
    for (String path : files.keySet()) {
      int slash = path.indexOf('/');
      entries.add(slash < 0 ? path : path.substring(0, slash));
    }
    return entries;
  }

  private static void requireRelative(String path) {
    boolean bad = path.isEmpty() || path.startsWith("/") || path.endsWith("/");
    for (String segment : path.split("/", -1)) {
      bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
    }
    if (bad || path.contains("\\")) {
      throw new IllegalArgumentException("invalid output path \"" + path + "\"");
    }
  }
}
