package dev.opsbook.spec.model;

import java.util.Map;
import java.util.Optional;

/**
 * Positions of spec fields in the source file, keyed by field path such as
 * {@code slos[0].sli.events.bad}.
 *
 * @param file the file name as given on the command line
 * @param positions position of each field path that the parser saw
 */
public record SourceMap(String file, Map<String, Position> positions) {

  public static final SourceMap EMPTY = new SourceMap("<memory>", Map.of());

  public SourceMap {
    positions = Map.copyOf(positions);
  }

  /** Returns the position of a field path, if the parser recorded one. */
  public Optional<Position> positionOf(String path) {
    return Optional.ofNullable(positions.get(path));
  }

  /** A one-based line and column in the spec file. */
  public record Position(int line, int column) {}
}
