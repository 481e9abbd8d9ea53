package dev.opsbook.rulegen.unittest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A PromQL vector selector such as {@code http_requests_total{job="api",status=~"5.."}}, parsed
 * far enough to build input series that it matches or does not match.
 *
 * <p>Regular expressions are checked with {@code java.util.regex}, which agrees with Prometheus'
 * RE2 on the plain patterns that selectors use, and is anchored as Prometheus anchors them.
 */
final class Selector {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Values tried for a label that a regular expression constrains. */
  private static final List<String> COMMON_VALUES =
      List.of("500", "503", "404", "400", "429", "200", "204", "301", "GET", "POST", "true",
          "false", "0", "1", "ok", "error", "test");

  enum Op {
    EQUAL("="),
    NOT_EQUAL("!="),
    MATCH("=~"),
    NOT_MATCH("!~");

    final String text;

    Op(String text) {
      this.text = text;
    }
  }

  record Matcher(String label, Op op, String value) {

    boolean matches(Map<String, String> labels) {
      String actual = labels.getOrDefault(label, "");
      return switch (op) {
        case EQUAL -> actual.equals(value);
        case NOT_EQUAL -> !actual.equals(value);
        case MATCH -> Pattern.matches(value, actual);
        case NOT_MATCH -> !Pattern.matches(value, actual);
      };
    }
  }

  private final List<Matcher> matchers;

  private Selector(List<Matcher> matchers) {
    this.matchers = List.copyOf(matchers);
  }

  /** Returns the parsed selector, or empty when the text is not a plain vector selector. */
  static Optional<Selector> parse(String text) {
    try {
      return Optional.of(new Parser(text.strip()).selector());
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** Returns a selector of the metric with the given label matchers, such as {@code job="x"}. */
  static Optional<Selector> of(String metric, String matcherText) {
    String body = matcherText == null || matcherText.isBlank() ? "" : matcherText;
    return parse(metric + "{" + body + "}");
  }

  List<Matcher> matchers() {
    return matchers;
  }

  boolean matches(Map<String, String> labels) {
    return matchers.stream().allMatch(matcher -> matcher.matches(labels));
  }

  /** Returns a selector with the matchers of both. */
  Selector and(Selector other) {
    List<Matcher> all = new ArrayList<>(matchers);
    all.addAll(other.matchers);
    return new Selector(all);
  }

  /**
   * Returns labels, {@code __name__} included, that this selector matches, starting from {@code
   * base}; empty when no candidate value satisfies a regular expression.
   */
  Optional<Map<String, String>> example(Map<String, String> base) {
    Map<String, String> labels = new TreeMap<>(base);
    for (Matcher matcher : matchers) {
      if (matcher.op() == Op.EQUAL) {
        labels.put(matcher.label(), matcher.value());
      }
    }
    for (Matcher matcher : matchers) {
      if (matcher.matches(labels)) {
        continue;
      }
      if (matcher.op() == Op.EQUAL) {
        return Optional.empty();
      }
      Optional<String> value = valueFor(matcher.label(), labels);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      labels.put(matcher.label(), value.get());
    }
    return matches(labels) ? Optional.of(labels) : Optional.empty();
  }

  /**
   * Returns labels that {@code total} matches and this selector does not, starting from {@code
   * base}: a good event where this selector selects the bad ones.
   */
  Optional<Map<String, String>> counterExample(Selector total, Map<String, String> base) {
    if (!total.matches(base) || !matches(base)) {
      return total.matches(base) && !matches(base) ? Optional.of(base) : Optional.empty();
    }
    for (Matcher matcher : matchers) {
      for (String candidate : candidates(matcher.value())) {
        Map<String, String> labels = new TreeMap<>(base);
        labels.put(matcher.label(), candidate);
        if (total.matches(labels) && !matches(labels)) {
          return Optional.of(labels);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> valueFor(String label, Map<String, String> labels) {
    Set<String> tried = new LinkedHashSet<>();
    for (Matcher matcher : matchers) {
      if (matcher.label().equals(label)) {
        tried.addAll(candidates(matcher.value()));
      }
    }
    for (String candidate : tried) {
      Map<String, String> attempt = new TreeMap<>(labels);
      attempt.put(label, candidate);
      boolean ok = true;
      for (Matcher matcher : matchers) {
        if (matcher.label().equals(label) && !matcher.matches(attempt)) {
          ok = false;
        }
      }
      if (ok) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Returns values that a pattern such as {@code 5..} or {@code 4..|5..} may match. */
  private static Set<String> candidates(String pattern) {
    Set<String> values = new LinkedHashSet<>();
    for (String alternative : pattern.split("\\|")) {
      String simple =
          alternative
              .replaceAll("\\\\d", "0")
              .replaceAll("\\[\\^[^]]*]", "x")
              .replaceAll("\\[(.)[^]]*]", "$1")
              .replaceAll("\\{\\d+(,\\d*)?}", "")
              .replaceAll("[()^$+*?]", "")
              .replace(".", "0")
              .replaceAll("\\\\(.)", "$1");
      values.add(simple);
    }
    values.addAll(COMMON_VALUES);
    values.add(pattern.replaceAll("\\\\(.)", "$1"));
    return values;
  }

  /** A recursive-descent reader of {@code name{label op "value", ...}}. */
  private static final class Parser {

    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Selector selector() {
      List<Matcher> matchers = new ArrayList<>();
      java.util.regex.Matcher name = NAME.matcher(text);
      if (name.lookingAt()) {
        matchers.add(new Matcher("__name__", Op.EQUAL, name.group()));
        pos = name.end();
      }
      skipSpace();
      if (pos < text.length()) {
        expect('{');
        skipSpace();
        while (peek() != '}') {
          matchers.add(matcher());
          skipSpace();
          if (peek() == ',') {
            pos++;
            skipSpace();
          } else if (peek() != '}') {
            throw new IllegalArgumentException("expected , or } at " + pos);
          }
        }
        expect('}');
        skipSpace();
      }
      if (pos != text.length() || matchers.isEmpty()) {
        throw new IllegalArgumentException("not a plain selector: " + text);
      }
      for (Matcher matcher : matchers) {
        if (matcher.op() == Op.MATCH || matcher.op() == Op.NOT_MATCH) {
          Pattern.compile(matcher.value());
        }
      }
      return new Selector(matchers);
    }

    private Matcher matcher() {
      java.util.regex.Matcher label = LABEL.matcher(text).region(pos, text.length());
      if (!label.lookingAt()) {
        throw new IllegalArgumentException("expected a label name at " + pos);
      }
      pos = label.end();
      skipSpace();
      Op op = operator();
      skipSpace();
      return new Matcher(label.group(), op, string());
    }

    private Op operator() {
      for (Op op : List.of(Op.MATCH, Op.NOT_MATCH, Op.NOT_EQUAL, Op.EQUAL)) {
        if (text.startsWith(op.text, pos)) {
          pos += op.text.length();
          return op;
        }
      }
      throw new IllegalArgumentException("expected a matcher operator at " + pos);
    }

    private String string() {
      char quote = peek();
      if (quote != '"' && quote != '\'' && quote != '`') {
        throw new IllegalArgumentException("expected a string at " + pos);
      }
      pos++;
      StringBuilder value = new StringBuilder();
      while (peek() != quote) {
        char c = text.charAt(pos++);
        if (c == '\\' && quote != '`') {
          char escaped = text.charAt(pos++);
          value.append(switch (escaped) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> escaped;
          });
        } else {
          value.append(c);
        }
      }
      pos++;
      return value.toString();
    }

    private char peek() {
      if (pos >= text.length()) {
        throw new IllegalArgumentException("unexpected end of selector");
      }
      return text.charAt(pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected " + c + " at " + pos);
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }
  }
}
