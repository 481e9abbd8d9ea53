package dev.opsbook.rulegen.alertmanager;

import java.util.List;
import java.util.stream.Collectors;

/** Builds YAML text line by line, with two-space indentation and a newline after every line. */
final class YamlText {

  private final StringBuilder text = new StringBuilder();

  /** Appends {@code line} indented by {@code level} steps of two spaces. */
  YamlText line(int level, String line) {
    text.append("  ".repeat(level)).append(line).append('\n');
    return this;
  }

  /** Appends a literal block scalar, {@code key: |-}, with {@code body} one level deeper. */
  YamlText block(int level, String key, String body) {
    line(level, key + ": |-");
    for (String bodyLine : body.split("\n", -1)) {
      text.append(bodyLine.isEmpty() ? "" : "  ".repeat(level + 1) + bodyLine).append('\n');
    }
    return this;
  }

  /**
   * Returns {@code value} as a single-quoted YAML scalar. The caller has rejected control
   * characters, which such a scalar cannot contain unchanged.
   */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** Returns a flow sequence of quoted scalars, such as {@code ['a', 'b']}. */
  static String quotedList(List<String> values) {
    return values.stream().map(YamlText::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
