package dev.opsbook.spec;

import dev.opsbook.spec.model.Alerting;
import dev.opsbook.spec.model.Alerting.Receiver;
import dev.opsbook.spec.model.Alerting.ReceiverType;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Sli;
import dev.opsbook.spec.model.Sli.Comparison;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds the YAML tree of a spec to the model. It checks keys, types and required fields, and
 * collects every problem instead of stopping at the first. A field with a problem gets a
 * placeholder (null, NaN, 0 or the default) so that binding can go on.
 */
final class SpecBinder {

  static final PromDuration DEFAULT_WINDOW = PromDuration.parse("30d");
  static final int DEFAULT_SSH_PORT = 22;
  static final List<String> DEFAULT_GROUP_BY = List.of("alertname", "service");

  /** Keys that would put a secret into the spec, and the key to use instead. */
  private static final Map<String, String> INLINE_SECRET_KEYS =
      Map.of(
          "routing_key", "routing_key_file",
          "service_key", "routing_key_file",
          "api_url", "api_url_file",
          "url", "url_file",
          "webhook_url", "url_file",
          "token", "a *_file key",
          "password", "a *_file key");

  private final YamlValues values;
  private final Problems problems;

  SpecBinder(YamlValues values) {
    this.values = values;
    this.problems = values.problems();
  }

  /** Binds the root mapping; the version key has been checked before. */
  Spec bind(MappingNode root) {
    YamlMap top = new YamlMap(values, root, "");
    problems.recordPosition("", top.position());
    top.contains("version");
    String service = top.requiredString("service");
    Map<String, String> labels = top.optionalStringMap("labels");
    String runbookUrl = top.requiredString("runbook_url");
    List<Slo> slos = top.optionalList("slos", this::slo);
    List<Host> hosts = top.optionalList("hosts", this::host);
    YamlMap checksMap = top.optionalMap("checks");
    Checks checks =
        checksMap == null ? ChecksBinder.none() : new ChecksBinder(values).bind(checksMap);
    YamlMap alertingMap = top.optionalMap("alerting");
    Alerting alerting = alertingMap == null ? null : alerting(alertingMap);
    top.finish();
    return new Spec(service, labels, runbookUrl, slos, hosts, checks, alerting, null);
  }

  private Slo slo(Node node, String path) {
    YamlMap map = values.map(node, path);
    if (map == null) {
      return null;
    }
    String name = map.requiredString("name");
    String description = map.requiredString("description");
    double objective = map.requiredNumber("objective");
    PromDuration window = map.optionalDuration("window", DEFAULT_WINDOW);
    long minEvents = map.optionalInteger("min_events", 0);
    Map<String, String> labels = map.optionalStringMap("labels");
    YamlMap sliMap = map.requiredMap("sli");
    Sli sli = sliMap == null ? null : sli(sliMap);
    map.finish();
    return new Slo(name, description, objective, window, minEvents, sli, labels);
  }

  private Sli sli(YamlMap map) {
    List<String> kinds = new ArrayList<>();
    for (String kind : List.of("events", "latency", "gauge")) {
      if (map.contains(kind)) {
        kinds.add(kind);
      }
    }
    if (kinds.isEmpty()) {
      problems.add(
          map.path(), map.position(), "missing SLI kind; add one of events, latency or gauge");
      map.finish();
      return null;
    }
    if (kinds.size() > 1) {
      problems.add(
          map.childPath(kinds.get(1)),
          map.keyPosition(kinds.get(1)),
          "an SLI has one kind, but this one has "
              + String.join(" and ", kinds)
              + "; keep one of them");
    }
    Sli sli = sliOfKind(map, kinds.get(0));
    map.finish();
    return sli;
  }

  private Sli sliOfKind(YamlMap parent, String kind) {
    YamlMap map = parent.requiredMap(kind);
    if (map == null) {
      return null;
    }
    Sli sli =
        switch (kind) {
          case "events" -> new Sli.EventRatio(
              map.requiredString("bad"), map.requiredString("total"));
          case "latency" -> latency(map);
          default -> gauge(map);
        };
    map.finish();
    return sli;
  }

  private Sli latency(YamlMap map) {
    String metric = map.requiredString("metric");
    String selector = map.optionalString("selector", "");
    double threshold = map.requiredNumber("threshold");
    List<Double> buckets = map.optionalList("buckets", values::number);
    return new Sli.Latency(metric, selector, threshold, buckets);
  }

  private Sli gauge(YamlMap map) {
    String query = map.requiredString("query");
    String operator = map.requiredString("good_when");
    double bound = map.requiredNumber("bound");
    Comparison comparison = null;
    if (operator != null) {
      try {
        comparison = Comparison.fromOperator(operator);
      } catch (IllegalArgumentException e) {
        problems.add(map.childPath("good_when"), e.getMessage());
      }
    }
    return new Sli.GaugeThreshold(query, comparison, bound);
  }

  private Host host(Node node, String path) {
    YamlMap map = values.map(node, path);
    if (map == null) {
      return null;
    }
    String name = map.requiredString("name");
    String address = map.optionalString("address", null);
    String user = map.optionalString("user", null);
    long port = map.optionalInteger("port", DEFAULT_SSH_PORT);
    if (port < 1 || port > 65_535) {
      problems.add(map.childPath("port"), "invalid port " + port + "; use a port from 1 to 65535");
      port = DEFAULT_SSH_PORT;
    }
    Map<String, String> labels = map.optionalStringMap("labels");
    map.finish();
    return new Host(name, address, user, (int) port, labels);
  }

  private Alerting alerting(YamlMap map) {
    List<String> groupBy = map.optionalStrings("group_by", DEFAULT_GROUP_BY);
    YamlMap routesMap = map.requiredMap("routes");
    Map<Severity, String> routes = routesMap == null ? Map.of() : routes(routesMap);
    List<Receiver> receivers = map.requiredList("receivers", this::receiver);
    map.finish();
    return new Alerting(routes, receivers, groupBy);
  }

  private Map<Severity, String> routes(YamlMap map) {
    Map<Severity, String> routes = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      String key = severity.routeKey();
      Node value = map.get(key);
      String receiver = value == null ? null : values.string(value, map.childPath(key));
      routes.put(severity, receiver);
    }
    map.finish();
    return routes;
  }

  private Receiver receiver(Node node, String path) {
    YamlMap map = values.map(node, path);
    if (map == null) {
      return null;
    }
    String name = map.requiredString("name");
    String typeKey = map.requiredString("type");
    ReceiverType type = typeKey == null ? null : receiverType(typeKey, map.childPath("type"));
    rejectInlineSecrets(map);
    String secretFile;
    String channel = null;
    if (type == null) {
      // The type decides which keys are valid; accept them all so only the type is reported.
      for (ReceiverType any : ReceiverType.values()) {
        map.contains(secretFileKey(any));
      }
      map.contains("channel");
      secretFile = null;
    } else {
      secretFile = map.requiredString(secretFileKey(type));
      if (type == ReceiverType.SLACK) {
        channel = map.optionalString("channel", null);
      }
    }
    map.finish();
    return new Receiver(name, type, secretFile, channel);
  }

  /** Returns the key naming the file that contains the receiver's secret. */
  static String secretFileKey(ReceiverType type) {
    return switch (type) {
      case PAGERDUTY -> "routing_key_file";
      case SLACK -> "api_url_file";
      case WEBHOOK -> "url_file";
    };
  }

  private ReceiverType receiverType(String key, String path) {
    for (ReceiverType type : ReceiverType.values()) {
      if (type.key().equals(key)) {
        return type;
      }
    }
    String known =
        Arrays.stream(ReceiverType.values())
            .map(ReceiverType::key)
            .collect(Collectors.joining(", "));
    problems.add(path, "unknown receiver type " + Quoted.of(key) + "; use one of " + known);
    return null;
  }

  private void rejectInlineSecrets(YamlMap map) {
    for (Map.Entry<String, String> secret : INLINE_SECRET_KEYS.entrySet()) {
      String key = secret.getKey();
      if (map.containsRejected(key)) {
        // The message never quotes the value, because the value is a secret.
        problems.add(
            map.childPath(key),
            map.keyPosition(key),
            "inline secret in "
                + Quoted.of(key)
                + "; put the secret in a file that only Alertmanager can read and use "
                + secret.getValue());
      }
    }
  }
}
