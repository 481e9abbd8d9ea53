package dev.opsbook.spec;

/** Quotes user values for problem messages, so a message always stays on one line. */
final class Quoted {

  private static final int MAX_LENGTH = 80;

  private Quoted() {}

  /** Returns the value in double quotes, with control characters escaped and long values cut. */
  static String of(String value) {
    StringBuilder text = new StringBuilder("\"");
    int length = value.length();
    int end = Math.min(length, MAX_LENGTH);
    for (int i = 0; i < end; i++) {
      appendEscaped(text, value.charAt(i));
    }
    if (end < length) {
      text.append("...");
    }
    return text.append('"').toString();
  }

  private static void appendEscaped(StringBuilder text, char c) {
    switch (c) {
      case '\n' -> text.append("\\n");
      case '\r' -> text.append("\\r");
      case '\t' -> text.append("\\t");
      case '"' -> text.append("\\\"");
      case '\\' -> text.append("\\\\");
      default -> {
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
          text.append(String.format("\\u%04x", (int) c));
        } else {
          text.append(c);
        }
      }
    }
  }
}
