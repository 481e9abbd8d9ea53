package dev.opsbook.exporter.collect.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsbook.exporter.collect.Reasons;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads the ready flag and component states from a status JSON body. Pure: no I/O. */
public final class StatusBodyParser {

  /**
   * Values read from a body.
   *
   * @param ready the ready field, or {@code null} when it is missing or not a boolean
   * @param componentStates component name to numeric state, for components whose field is a
   *     number
   * @param componentErrors component name to reason ({@code not_found} or {@code parse_error})
   *     for the others
   * @param error why the body could not be read as JSON, or {@code null}
   */
  public record StatusBody(
      Boolean ready,
      Map<String, Double> componentStates,
      Map<String, String> componentErrors,
      String error) {
    public StatusBody {
      componentStates = Map.copyOf(componentStates);
      componentErrors = Map.copyOf(componentErrors);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusBodyParser() {}

  /**
   * Parses the body.
   *
   * @param readyField dotted JSON field path of the ready flag, such as {@code overall_ready}
   * @param components component name to dotted field path, such as {@code debug_adapter.state}
   */
  public static StatusBody parse(byte[] body, String readyField, Map<String, String> components) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    Map<String, String> errors = new TreeMap<>();
    if (root == null || !root.isObject()) {
      for (String component : components.keySet()) {
        errors.put(component, Reasons.PARSE_ERROR);
      }
      return new StatusBody(null, Map.of(), errors, "body is not a JSON object");
    }
    JsonNode readyNode = field(root, readyField);
    Boolean ready = readyNode != null && readyNode.isBoolean() ? readyNode.asBoolean() : null;
    Map<String, Double> states = new LinkedHashMap<>();
    for (Map.Entry<String, String> component : new TreeMap<>(components).entrySet()) {
      JsonNode value = field(root, component.getValue());
      if (value == null || value.isNull()) {
        errors.put(component.getKey(), Reasons.NOT_FOUND);
      } else if (value.isNumber()) {
        states.put(component.getKey(), value.asDouble());
      } else {
        errors.put(component.getKey(), Reasons.PARSE_ERROR);
      }
    }
    return new StatusBody(ready, states, errors, null);
  }

  /** Returns the node at a dotted path such as {@code debug_adapter.state}, or null. */
  static JsonNode field(JsonNode root, String path) {
    JsonNode node = root;
    for (String name : path.split("\\.", -1)) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(name);
    }
    return node;
  }
}
