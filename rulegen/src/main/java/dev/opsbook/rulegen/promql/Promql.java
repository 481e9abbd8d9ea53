package dev.opsbook.rulegen.promql;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Builds PromQL text: string literals, label matchers and selectors. */
public final class Promql {

  private static final Pattern PLAIN_SELECTOR =
      Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^{}]*\\})?");

  private Promql() {}

  /** Returns {@code value} as a double-quoted PromQL string literal. */
  public static String string(String value) {
    StringBuilder text = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '"' -> text.append("\\\"");
        case '\n' -> text.append("\\n");
        case '\t' -> text.append("\\t");
        case '\r' -> text.append("\\r");
        default -> text.append(c);
      }
    }
    return text.append('"').toString();
  }

  /** Returns {@code label="value"}. */
  public static String equal(String label, String value) {
    return label + "=" + string(value);
  }

  /**
   * Returns a matcher for any of the values: {@code label="a"} for one value, {@code
   * label=~"a|b"} with regex metacharacters escaped for several.
   */
  public static String equalAny(String label, List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values for label " + label);
    }
    if (values.size() == 1) {
      return equal(label, values.get(0));
    }
    String alternation =
        values.stream()
            .distinct()
            .sorted()
            .map(Promql::quoteRegex)
            .collect(Collectors.joining("|"));
    return label + "=~" + string(alternation);
  }

  /** Escapes RE2 metacharacters so the text matches itself. */
  public static String quoteRegex(String text) {
    StringBuilder quoted = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.toString();
  }

  /**
   * Returns the query unchanged when it is a plain selector such as {@code fps{job="api"}}, and
   * in parentheses otherwise, so an operator applied to it cannot bind to only a part of it.
   */
  public static String parenthesized(String query) {
    String text = query.strip();
    return PLAIN_SELECTOR.matcher(text).matches() ? text : "(" + text + ")";
  }

  /** Returns {@code metric{a="1",b="2"}} with equality matchers sorted by label name. */
  public static String selector(String metric, Map<String, String> equalities) {
    StringJoiner matchers = new StringJoiner(",", "{", "}");
    new TreeMap<>(equalities).forEach((label, value) -> matchers.add(equal(label, value)));
    return equalities.isEmpty() ? metric : metric + matchers;
  }

  /**
   * Returns {@code metric{matchers}}, where {@code matchers} are already PromQL text such as
   * {@code job="api"}; blank parts are left out.
   */
  public static String selectorOf(String metric, String... matchers) {
    StringJoiner joined = new StringJoiner(",", "{", "}");
    joined.setEmptyValue("");
    for (String matcher : matchers) {
      if (matcher != null && !matcher.isBlank()) {
        joined.add(matcher.strip());
      }
    }
    return metric + joined;
  }
}
