package dev.opsbook.spec;

import dev.opsbook.spec.model.SourceMap;
import dev.opsbook.spec.model.SourceMap.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Problems found in one spec file and the positions of its field paths. Keeps at most one problem
 * per path, so a missing or mistyped field is not reported again by a later step.
 */
final class Problems {

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> pathsWithProblems = new HashSet<>();
  private final Map<String, Position> positions = new LinkedHashMap<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** Records where the value of a field path starts. */
  void recordPosition(String path, Position position) {
    positions.putIfAbsent(path, position);
  }

  /** Returns the position of a path, or of its nearest recorded ancestor. */
  Optional<Position> positionOf(String path) {
    for (String current = path; ; current = FieldPath.parent(current)) {
      Position position = positions.get(current);
      if (position != null) {
        return Optional.of(position);
      }
      if (current.isEmpty()) {
        return Optional.empty();
      }
    }
  }

  /** Returns whether the spec contains the field, as opposed to the binder filling a default. */
  boolean isPresent(String path) {
    return positions.containsKey(path);
  }

  /** Adds a problem at the position recorded for the path or its nearest ancestor. */
  void add(String path, String message) {
    add(path, positionOf(path).orElse(null), message);
  }

  /** Adds a problem at an explicit position, such as the key of an unknown field. */
  void add(String path, Position position, String message) {
    if (hasProblemAt(path)) {
      return;
    }
    pathsWithProblems.add(path);
    int line = position == null ? 0 : position.line();
    int column = position == null ? 0 : position.column();
    problems.add(new Problem(file, line, column, path, message));
  }

  /** Returns whether the path or one of its ancestors already has a problem. */
  boolean hasProblemAt(String path) {
    for (String current = path; ; current = FieldPath.parent(current)) {
      if (pathsWithProblems.contains(current)) {
        return true;
      }
      if (current.isEmpty()) {
        return false;
      }
    }
  }

  /** Returns whether the path, an ancestor or a descendant has a problem. */
  boolean hasProblemAtOrUnder(String path) {
    if (hasProblemAt(path)) {
      return true;
    }
    for (String problemPath : pathsWithProblems) {
      if (problemPath.startsWith(path + ".") || problemPath.startsWith(path + "[")) {
        return true;
      }
    }
    return false;
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Returns the problems in file order; problems without a position come first. */
  List<Problem> sorted() {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return List.copyOf(sorted);
  }

  SourceMap sourceMap() {
    return new SourceMap(file, positions);
  }
}
