package dev.opsbook.spec;

/**
 * One problem found in a spec file.
 *
 * @param file file name as given by the user
 * @param line one-based line, or 0 when unknown
 * @param column one-based column, or 0 when unknown
 * @param path field path such as {@code slos[1].objective}, or empty for the whole file
 * @param message what is wrong and what to write instead
 */
public record Problem(String file, int line, int column, String path, String message) {

  /** Formats the problem as {@code file:line:column: path: message}, the form compilers use. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    return text.append(message).toString();
  }
}
