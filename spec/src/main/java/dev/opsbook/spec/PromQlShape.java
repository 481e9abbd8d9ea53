package dev.opsbook.spec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Cheap structural checks of a PromQL query: balanced brackets and closed strings. promtool
 * checks the full syntax when rulegen runs; this only catches the typos that are easy to find
 * with a position.
 */
final class PromQlShape {

  private PromQlShape() {}

  /** Returns the problem message of a query or a selector, or empty when its shape is fine. */
  static Optional<String> check(String kind, String query) {
    if (query.isBlank()) {
      return Optional.of(kind + " is empty; write a PromQL selector such as up{job=\"api\"}");
    }
    for (int at = 0; at < query.length(); at++) {
      char c = query.charAt(at);
      if (!writable(c)) {
        String detail =
            String.format(
                "character U+%04X at character %d cannot be written into a rule file; remove it,"
                    + " or inside a PromQL string write it as the escape \\u%04x",
                (int) c, at + 1, (int) c);
        return problem(kind, query, detail);
      }
    }
    Deque<Integer> open = new ArrayDeque<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = stringEnd(query, i);
        if (end < 0) {
          String detail = "the string opened at character " + (i + 1) + " is not closed";
          return problem(kind, query, detail);
        }
        i = end + 1;
        continue;
      }
      if (c == '#') {
        i = lineEnd(query, i);
        continue;
      }
      if (c == '(' || c == '{' || c == '[') {
        open.push(i);
      } else if (c == ')' || c == '}' || c == ']') {
        if (open.isEmpty() || !matches(query.charAt(open.peek()), c)) {
          return problem(kind, query, "unexpected " + c + " at character " + (i + 1));
        }
        open.pop();
      }
      i++;
    }
    if (!open.isEmpty()) {
      int at = open.peek();
      return problem(
          kind, query, "the " + query.charAt(at) + " at character " + (at + 1) + " is not closed");
    }
    return Optional.empty();
  }

  /**
   * Returns the label names of a matcher list without braces in order, such as {@code job} and
   * {@code le} for {@code job="a",le="5"}. A comma or name inside a quoted value is skipped.
   */
  static List<String> labelNames(String matchers) {
    List<String> names = new ArrayList<>();
    boolean expectName = true;
    int i = 0;
    while (i < matchers.length()) {
      char c = matchers.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = stringEnd(matchers, i);
        if (end < 0) {
          break;
        }
        i = end + 1;
        expectName = false;
        continue;
      }
      if (c == ',') {
        expectName = true;
      } else if (expectName && isNameStart(c)) {
        int end = i + 1;
        while (end < matchers.length() && isNamePart(matchers.charAt(end))) {
          end++;
        }
        names.add(matchers.substring(i, end));
        expectName = false;
        i = end;
        continue;
      } else if (!Character.isWhitespace(c)) {
        expectName = false;
      }
      i++;
    }
    return names;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  /**
   * Returns whether a character can stand in the literal block of a rule file's {@code expr}.
   * Control characters other than tab and newline are not printable in YAML. promtool 2.42 reads
   * U+0085, U+2028 and U+2029 there as line breaks and rejects the file.
   */
  private static boolean writable(char c) {
    if (c == '\n' || c == '\t') {
      return true;
    }
    return !Character.isISOControl(c) && c != '\u2028' && c != '\u2029' && c != '\uFFFE'
        && c != '\uFFFF';
  }

  /** Returns the index of the closing quote, or -1; raw backtick strings have no escapes. */
  private static int stringEnd(String query, int start) {
    char quote = query.charAt(start);
    for (int i = start + 1; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static int lineEnd(String query, int start) {
    int newline = query.indexOf('\n', start);
    return newline < 0 ? query.length() : newline;
  }

  private static boolean matches(char open, char close) {
    return (open == '(' && close == ')') || (open == '{' && close == '}')
        || (open == '[' && close == ']');
  }

  private static Optional<String> problem(String kind, String query, String detail) {
    return Optional.of("invalid " + kind + " " + Quoted.of(query) + ": " + detail);
  }
}
