package dev.opsbook.spec;

import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.SourceMap.Position;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Converts YAML nodes to Java values. Every conversion records the node's position under its
 * field path. A value of the wrong type becomes a problem naming the expected type, and the
 * method returns {@code null}.
 */
final class YamlValues {

  private final Problems problems;
  private final ScalarConstructor constructor = new ScalarConstructor();

  YamlValues(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /** Binds one element of a list; returns {@code null} when the element has a problem. */
  @FunctionalInterface
  interface ElementBinder<T> {
    T bind(Node node, String path);
  }

  static Position position(Node node) {
    return position(node.getStartMark());
  }

  static Position position(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  void record(Node node, String path) {
    problems.recordPosition(path, position(node));
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  String string(Node node, String path) {
    record(node, path);
    if (!(node instanceof ScalarNode scalar) || isNull(node)) {
      typeProblem(node, path, "a string");
      return null;
    }
    return scalar.getValue();
  }

  Double number(Node node, String path) {
    record(node, path);
    if (sexagesimalProblem(node, path)) {
      return null;
    }
    Object value = scalarValue(node);
    if (value instanceof Number number && !(value instanceof Double)) {
      double converted = number.doubleValue();
      if (Double.isInfinite(converted)) {
        // A BigInteger beyond Double.MAX_VALUE converts to infinity.
        String text = ((ScalarNode) node).getValue();
        problems.add(
            path, "invalid number " + text + ": too large; write a finite number such as 99.9");
        return null;
      }
      return converted;
    }
    if (value instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        String text = ((ScalarNode) node).getValue();
        problems.add(
            path, "invalid number " + text + ": not finite; write a finite number such as 99.9");
        return null;
      }
      return number;
    }
    if (unreadableNumberProblem(node, path, "a number such as 99.9")) {
      return null;
    }
    typeProblem(node, path, "a number");
    return null;
  }

  Long integer(Node node, String path) {
    record(node, path);
    if (sexagesimalProblem(node, path)) {
      return null;
    }
    Object value = scalarValue(node);
    if (value instanceof BigInteger) {
      String text = ((ScalarNode) node).getValue();
      problems.add(
          path, "invalid integer " + text + ": too large, the maximum is " + Long.MAX_VALUE);
      return null;
    }
    if (value instanceof Number number && !(value instanceof Double)) {
      return number.longValue();
    }
    if (unreadableNumberProblem(node, path, "an integer such as 100")) {
      return null;
    }
    typeProblem(node, path, "an integer");
    return null;
  }

  PromDuration duration(Node node, String path) {
    String text = string(node, path);
    if (text == null) {
      return null;
    }
    try {
      return PromDuration.parse(text);
    } catch (IllegalArgumentException e) {
      String hint = text.matches("\\d+") ? "; add a unit, such as " + text + "s" : "";
      problems.add(path, e.getMessage() + hint);
      return null;
    }
  }

  /** Returns a view of a mapping node, or {@code null} with a problem for any other node. */
  YamlMap map(Node node, String path) {
    record(node, path);
    if (!(node instanceof MappingNode mapping)) {
      typeProblem(node, path, "a map");
      return null;
    }
    return new YamlMap(this, mapping, path);
  }

  /** Returns the elements of a sequence node, or {@code null} with a problem for any other node. */
  List<Node> elements(Node node, String path) {
    record(node, path);
    if (!(node instanceof SequenceNode sequence)) {
      String hint =
          node instanceof ScalarNode scalar && !isNull(node)
              ? "; write [" + scalar.getValue() + "] for a list of one"
              : "";
      typeProblem(node, path, "a list", hint);
      return null;
    }
    return sequence.getValue();
  }

  /**
   * Binds every element of a list. Returns {@code null} when an element cannot be bound, because
   * a shorter list would shift the indices that later problems point at.
   */
  <T> List<T> list(Node node, String path, ElementBinder<T> binder) {
    List<Node> elements = elements(node, path);
    if (elements == null) {
      return null;
    }
    List<T> values = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < elements.size(); i++) {
      T value = binder.bind(elements.get(i), FieldPath.index(path, i));
      if (value == null) {
        complete = false;
      } else {
        values.add(value);
      }
    }
    return complete ? values : null;
  }

  List<String> strings(Node node, String path) {
    return list(node, path, this::string);
  }

  /** Binds a map of strings to strings, such as labels; keys keep the spec's order. */
  Map<String, String> stringMap(Node node, String path) {
    YamlMap map = map(node, path);
    if (map == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : map.keys()) {
      String value = map.optionalString(key, null);
      if (value != null) {
        values.put(key, value);
      } else if (!problems.hasProblemAt(map.childPath(key))) {
        problems.add(map.childPath(key), "key " + Quoted.of(key) + " has no value; write a string");
      }
    }
    map.finish();
    return values;
  }

  /**
   * Adds a problem for a number with colons, such as {@code 99:59}, which YAML 1.1 reads as a
   * base-60 integer (5999) or float. Returns whether it added one.
   */
  private boolean sexagesimalProblem(Node node, String path) {
    if (!(node instanceof ScalarNode scalar) || !scalar.getValue().contains(":")) {
      return false;
    }
    Object value = scalarValue(node);
    if (!(value instanceof Number number)) {
      return false;
    }
    String text = scalar.getValue();
    String base60 =
        number instanceof Double decimal ? Rules.number(decimal) : number.toString();
    String fix =
        text.indexOf(':') == text.lastIndexOf(':')
            ? "write " + text.replace(':', '.') + " for a decimal number, or " + base60
            : "write the number without colons, such as " + base60;
    problems.add(
        path,
        text + " was read as the base-60 number " + base60
            + ", because YAML 1.1 reads numbers with colons in base 60; " + fix);
    return true;
  }

  /**
   * Adds a problem for a scalar tagged {@code !!int} or {@code !!float} whose text is not such a
   * number, such as {@code !!float abc}. Returns whether it added one.
   */
  private boolean unreadableNumberProblem(Node node, String path, String expected) {
    if (!(node instanceof ScalarNode scalar) || scalarValue(node) != null) {
      return false;
    }
    String tag;
    String kind;
    if (Tag.INT.equals(node.getTag())) {
      tag = "!!int";
      kind = "an integer";
    } else if (Tag.FLOAT.equals(node.getTag())) {
      tag = "!!float";
      kind = "a number";
    } else {
      return false;
    }
    problems.add(
        path,
        position(node),
        "the value " + Quoted.of(scalar.getValue()) + " tagged " + tag + " is not " + kind
            + "; remove the tag and write " + expected);
    return true;
  }

  /** Describes a node for a message: {@code the string "abc"}, {@code a list}. */
  String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    String value = scalar.getValue();
    if (Tag.NULL.equals(tag)) {
      return "no value";
    } else if (Tag.STR.equals(tag)) {
      return "the string " + Quoted.of(value);
    } else if (Tag.INT.equals(tag)) {
      return scalarValue(node) == null
          ? "the value " + Quoted.of(value) + " tagged !!int, which is not an integer"
          : "the integer " + value;
    } else if (Tag.FLOAT.equals(tag)) {
      return scalarValue(node) == null
          ? "the value " + Quoted.of(value) + " tagged !!float, which is not a number"
          : "the number " + value;
    } else if (Tag.BOOL.equals(tag)) {
      return "the boolean " + value;
    } else if (Tag.TIMESTAMP.equals(tag)) {
      return "the date " + value;
    }
    return "a value tagged " + tag.getValue();
  }

  private void typeProblem(Node node, String path, String expected) {
    String hint = "";
    if (node instanceof ScalarNode scalar
        && Tag.STR.equals(node.getTag())
        && !expected.equals("a string")
        && scalar.getValue().trim().matches("[-+]?\\d+(\\.\\d+)?")) {
      hint = "; remove the quotes";
    }
    typeProblem(node, path, expected, hint);
  }

  private void typeProblem(Node node, String path, String expected, String hint) {
    problems.add(path, position(node), "expected " + expected + ", got " + describe(node) + hint);
  }

  /** Returns the Java value of a scalar by YAML 1.1 rules (hex, octal, underscores), or null. */
  private Object scalarValue(Node node) {
    if (!(node instanceof ScalarNode scalar)) {
      return null;
    }
    Tag tag = scalar.getTag();
    if (!Tag.INT.equals(tag) && !Tag.FLOAT.equals(tag)) {
      return null;
    }
    try {
      return constructor.construct(scalar);
    } catch (YAMLException | NumberFormatException e) {
      return null;
    }
  }

  /** Exposes snakeyaml's construction of one scalar, which is protected in the library. */
  private static final class ScalarConstructor extends SafeConstructor {
    ScalarConstructor() {
      super(new LoaderOptions());
    }

    Object construct(ScalarNode node) {
      return constructObject(node);
    }
  }
}
