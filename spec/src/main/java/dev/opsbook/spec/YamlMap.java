package dev.opsbook.spec;

import dev.opsbook.spec.YamlValues.ElementBinder;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.SourceMap.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML mapping being bound. The binder requests each key it knows, present or not, and
 * {@link #finish()} reports every other key as unknown, with the nearest known key as a
 * suggestion. Duplicate keys and non-string keys are problems too.
 */
final class YamlMap {

  private final YamlValues values;
  private final Problems problems;
  private final MappingNode node;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> requested = new LinkedHashSet<>();
  private final Set<String> rejected = new LinkedHashSet<>();
  private final Map<String, String> missing = new LinkedHashMap<>();

  YamlMap(YamlValues values, MappingNode node, String path) {
    this.values = values;
    this.problems = values.problems();
    this.node = node;
    this.path = path;
    for (NodeTuple tuple : node.getValue()) {
      addEntry(tuple);
    }
  }

  private void addEntry(NodeTuple tuple) {
    Node keyNode = tuple.getKeyNode();
    if (!(keyNode instanceof ScalarNode scalar) || YamlValues.isNull(keyNode)) {
      problems.add(
          FieldPath.child(path, "?"),
          YamlValues.position(keyNode),
          "expected a string key, got " + values.describe(keyNode));
      return;
    }
    String key = scalar.getValue();
    NodeTuple first = entries.get(key);
    if (first != null) {
      Position firstPosition = YamlValues.position(first.getKeyNode());
      problems.add(
          childPath(key),
          YamlValues.position(keyNode),
          "duplicate key "
              + Quoted.of(key)
              + ", first set on line "
              + firstPosition.line()
              + "; remove one of them");
      return;
    }
    entries.put(key, tuple);
  }

  String path() {
    return path;
  }

  Position position() {
    return YamlValues.position(node);
  }

  /** Returns the position of a key, or of this map when the key is absent. */
  Position keyPosition(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? position() : YamlValues.position(tuple.getKeyNode());
  }

  String childPath(String key) {
    return FieldPath.child(path, key);
  }

  /** Returns the keys in spec order and marks them all as known. */
  List<String> keys() {
    requested.addAll(entries.keySet());
    return new ArrayList<>(entries.keySet());
  }

  /** Returns whether the key is present, even with a null value. */
  boolean contains(String key) {
    requested.add(key);
    NodeTuple tuple = entries.get(key);
    if (tuple != null) {
      values.record(tuple.getValueNode(), childPath(key));
    }
    return tuple != null;
  }

  /**
   * Returns whether a key that the binder rejects with its own message is present. Unlike
   * {@link #contains}, the key is never offered as a suggestion for a misspelt key.
   */
  boolean containsRejected(String key) {
    rejected.add(key);
    return entries.containsKey(key);
  }

  /** Returns the value node of a key, or {@code null} when the key is absent or has no value. */
  Node get(String key) {
    if (!contains(key)) {
      return null;
    }
    Node value = entries.get(key).getValueNode();
    return YamlValues.isNull(value) ? null : value;
  }

  /** Returns the value of a required key, or {@code null} after reporting it missing. */
  Node require(String key, String expected) {
    Node value = get(key);
    if (value == null) {
      missing(key, expected);
    }
    return value;
  }

  /**
   * Reports a required key as present without a value, or remembers it as missing. Missing keys
   * are reported by {@link #finish()}, unless an unknown key there is a typo of the missing one.
   */
  void missing(String key, String expected) {
    if (entries.containsKey(key)) {
      problems.add(
          childPath(key),
          keyPosition(key),
          "key " + Quoted.of(key) + " has no value; write " + expected);
    } else {
      missing.put(key, expected);
    }
  }

  String requiredString(String key) {
    Node value = require(key, "a string");
    return value == null ? null : values.string(value, childPath(key));
  }

  String optionalString(String key, String fallback) {
    Node value = get(key);
    return value == null ? fallback : orElse(values.string(value, childPath(key)), fallback);
  }

  /** Returns a required number, or NaN when it is missing or invalid. */
  double requiredNumber(String key) {
    Node value = require(key, "a number");
    Double number = value == null ? null : values.number(value, childPath(key));
    return number == null ? Double.NaN : number;
  }

  double optionalNumber(String key, double fallback) {
    Node value = get(key);
    Double number = value == null ? null : values.number(value, childPath(key));
    return number == null ? fallback : number;
  }

  /** Returns a required integer, or 0 when it is missing or invalid; the problem is recorded. */
  long requiredInteger(String key) {
    Node value = require(key, "an integer");
    Long number = value == null ? null : values.integer(value, childPath(key));
    return number == null ? 0 : number;
  }

  long optionalInteger(String key, long fallback) {
    Node value = get(key);
    Long number = value == null ? null : values.integer(value, childPath(key));
    return number == null ? fallback : number;
  }

  PromDuration requiredDuration(String key) {
    Node value = require(key, "a duration such as 5m");
    return value == null ? null : values.duration(value, childPath(key));
  }

  PromDuration optionalDuration(String key, PromDuration fallback) {
    Node value = get(key);
    return value == null ? fallback : orElse(values.duration(value, childPath(key)), fallback);
  }

  List<String> requiredStrings(String key) {
    Node value = require(key, "a list of strings");
    return value == null ? List.of() : orElse(values.strings(value, childPath(key)), List.of());
  }

  List<String> optionalStrings(String key, List<String> fallback) {
    Node value = get(key);
    return value == null ? fallback : orElse(values.strings(value, childPath(key)), fallback);
  }

  Map<String, String> optionalStringMap(String key) {
    Node value = get(key);
    return value == null ? Map.of() : orElse(values.stringMap(value, childPath(key)), Map.of());
  }

  <T> List<T> requiredList(String key, ElementBinder<T> binder) {
    Node value = require(key, "a list");
    if (value == null) {
      return List.of();
    }
    return orElse(values.list(value, childPath(key), binder), List.of());
  }

  <T> List<T> optionalList(String key, ElementBinder<T> binder) {
    Node value = get(key);
    if (value == null) {
      return List.of();
    }
    return orElse(values.list(value, childPath(key), binder), List.of());
  }

  YamlMap requiredMap(String key) {
    Node value = require(key, "a map");
    return value == null ? null : values.map(value, childPath(key));
  }

  YamlMap optionalMap(String key) {
    Node value = get(key);
    return value == null ? null : values.map(value, childPath(key));
  }

  /** Reports every key that the binder did not ask for, and the missing required keys. */
  void finish() {
    Set<String> suggested = new LinkedHashSet<>();
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (!requested.contains(key) && !rejected.contains(key)) {
        Optional<String> nearest = Suggestions.nearest(key, requested);
        nearest.ifPresent(suggested::add);
        problems.add(
            childPath(key),
            YamlValues.position(entry.getValue().getKeyNode()),
            unknownKeyMessage(key, nearest));
      }
    }
    missing.forEach(
        (key, expected) -> {
          if (!suggested.contains(key)) {
            problems.add(
                childPath(key),
                position(),
                "missing required key " + Quoted.of(key) + "; add " + key + ": with " + expected);
          }
        });
    missing.clear();
  }

  private String unknownKeyMessage(String key, Optional<String> nearest) {
    String message = "unknown key " + Quoted.of(key);
    return nearest
        .map(suggestion -> message + "; did you mean " + Quoted.of(suggestion) + "?")
        .orElseGet(() -> message + "; valid keys here are " + String.join(", ", requested));
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
