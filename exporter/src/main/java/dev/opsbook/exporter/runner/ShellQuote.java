package dev.opsbook.exporter.runner;

/** Quotes values for a POSIX shell command line. */
public final class ShellQuote {

  private ShellQuote() {}

  /**
   * Returns the value in single quotes, with each single quote written as {@code '\''}, so the
   * shell passes it through as one word with no expansion of {@code $}, backquotes, globs or
   * {@code ;}.
   *
   * @throws IllegalArgumentException when the value contains a NUL byte, which no shell word can
   *     hold
   */
  public static String quote(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "value contains a NUL byte and cannot be passed to a shell");
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
