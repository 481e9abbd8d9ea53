package dev.opsbook.rulegen.render;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The quoting rules of the rule writer. Names and durations are plain scalars when YAML cannot
 * read them as anything but a string. Label values and annotations are always double-quoted.
 * PromQL expressions are literal blocks, so they need no escaping at all.
 */
final class YamlScalars {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_:.\\-]*");

  /** Words YAML 1.1 reads as booleans or null when they are plain. */
  private static final Set<String> RESERVED =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

  private YamlScalars() {}

  /** Returns the name plain when that is safe, otherwise double-quoted. */
  static String name(String value) {
    boolean plain =
        PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT));
    return plain ? value : quoted(value);
  }

  /** Returns a double-quoted scalar with YAML escapes. */
  static String quoted(String value) {
    StringBuilder text = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '"' -> text.append("\\\"");
        case '\n' -> text.append("\\n");
        case '\t' -> text.append("\\t");
        case '\r' -> text.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            text.append(String.format("\\x%02x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.append('"').toString();
  }

  /**
   * Appends {@code key: |-} and the text as a literal block indented by {@code indent} spaces.
   *
   * @throws IllegalArgumentException when the text starts with a space, which a literal block
   *     without indentation indicator cannot carry, or contains a control character
   */
  static void literalBlock(StringBuilder out, String key, String text, int indent) {
    String body = text.strip();
    if (body.isEmpty()) {
      throw new IllegalArgumentException(key + " is empty");
    }
    for (char c : body.toCharArray()) {
      if (c < 0x20 && c != '\n' && c != '\t') {
        throw new IllegalArgumentException(key + " contains control character " + (int) c);
      }
    }
    out.append(key).append(": |-\n");
    String pad = " ".repeat(indent);
    for (String line : body.split("\n", -1)) {
      String trimmed = line.stripTrailing();
      if (!trimmed.isEmpty()) {
        out.append(pad).append(trimmed);
      }
      out.append('\n');
    }
  }
}
