package dev.opsbook.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a spec cannot be read or is invalid; carries every problem found, not only the first. */
public final class SpecException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public SpecException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
