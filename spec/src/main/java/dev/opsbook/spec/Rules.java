package dev.opsbook.spec;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Syntax rules of single values. Each check returns the problem message, or empty when the value
 * is valid; the validators decide where the problem belongs.
 */
final class Rules {

  /** Service and SLO names: they appear in rule names, alert names and label values. */
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

  /** Prometheus label names, from the Prometheus data model. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Metric names, from the Prometheus data model. */
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** Short names that become label values on the exporter's metrics: tiers, patterns. */
  private static final Pattern KEYWORD = Pattern.compile("[a-z][a-z0-9_-]*");

  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern DNS_NAME_OR_IPV4 =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern RECEIVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern JSON_FIELD = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");

  /** systemd unit names: allowed characters from systemd.unit(5), and a unit type suffix. */
  private static final Pattern UNIT =
      Pattern.compile(
          "[A-Za-z0-9:_.@-]+\\.(?:service|socket|device|mount|automount|swap|target|path|timer"
              + "|slice|scope)");

  private Rules() {}

  /**
   * Maximum length of a service or SLO name. SLO names become file names such as
   * {@code slo-NAME-ticket-test.yml}, and most file systems limit a name to 255 bytes.
   */
  static final int MAX_SLUG_LENGTH = 63;

  static Optional<String> slug(String kind, String value) {
    if (value.length() > MAX_SLUG_LENGTH) {
      return invalid(kind, value, "use at most " + MAX_SLUG_LENGTH + " characters, not "
          + value.length());
    }
    if (SLUG.matcher(value).matches()) {
      return Optional.empty();
    }
    return invalid(
        kind,
        value,
        "use lower-case letters, digits and inner hyphens, such as " + example(kind));
  }

  private static String example(String kind) {
    return kind.equals("service name") ? "spacetime-api" : "latency-p99";
  }

  static Optional<String> labelName(String value) {
    if (!LABEL_NAME.matcher(value).matches()) {
      return invalid(
          "label name", value, "start with a letter or _ and use only letters, digits and _");
    }
    if (value.startsWith("__")) {
      return invalid("label name", value, "names starting with __ are reserved by Prometheus");
    }
    return Optional.empty();
  }

  /**
   * Label values and texts that end up in rule files: a control character or a quote would break
   * the generated YAML or PromQL, and {{ would start a Prometheus template.
   */
  static Optional<String> safeText(String kind, String value) {
    if (value.isEmpty()) {
      return Optional.of(kind + " is empty; write a value or remove the key");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return invalid(kind, value, "remove the control character (newline, tab, ...)");
      }
      if (c == '"' || c == '\\' || c == '`') {
        return invalid(kind, value, "remove the character " + c);
      }
    }
    if (value.contains("{{") || value.contains("}}")) {
      return invalid(kind, value, "remove {{ and }}, which Prometheus reads as a template");
    }
    return Optional.empty();
  }

  /** Free text such as a description: quotes are fine, control characters and templates not. */
  static Optional<String> description(String value) {
    if (value.isBlank()) {
      return Optional.of("description is empty; write one sentence for alert summaries");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return invalid("description", value, "write it on one line without control characters");
      }
    }
    if (value.contains("{{") || value.contains("}}")) {
      return invalid(
          "description", value, "remove {{ and }}, which Prometheus reads as a template");
    }
    return Optional.empty();
  }

  static Optional<String> metricName(String value) {
    if (!METRIC_NAME.matcher(value).matches()) {
      return invalid(
          "metric name", value, "use letters, digits, _ and :, not starting with a digit");
    }
    return Optional.empty();
  }

  static Optional<String> keyword(String kind, String value) {
    if (KEYWORD.matcher(value).matches()) {
      return Optional.empty();
    }
    return invalid(kind, value, "use lower-case letters, digits, _ and -, starting with a letter");
  }

  static Optional<String> hostName(String value) {
    if (HOST_NAME.matcher(value).matches()) {
      return Optional.empty();
    }
    return invalid(
        "host name", value, "use letters, digits, '.', '_' and '-', such as prod-api-01");
  }

  static Optional<String> address(String value) {
    if (DNS_NAME_OR_IPV4.matcher(value).matches() || IPV6.matcher(value).matches()) {
      return Optional.empty();
    }
    return invalid("address", value, "write a DNS name or an IP address without brackets or port");
  }

  static Optional<String> user(String value) {
    if (USER.matcher(value).matches()) {
      return Optional.empty();
    }
    return invalid(
        "user name", value, "use letters, digits, '.', '_' and '-', not starting with '-'");
  }

  static Optional<String> receiverName(String value) {
    if (RECEIVER_NAME.matcher(value).matches()) {
      return Optional.empty();
    }
    return invalid("receiver name", value, "use letters, digits, '.', '_' and '-'");
  }

  static Optional<String> jsonField(String value) {
    if (JSON_FIELD.matcher(value).matches()) {
      return Optional.empty();
    }
    return invalid("JSON field path", value, "write field names joined by dots, such as a.b.state");
  }

  static Optional<String> unit(String value, boolean timer) {
    if (!UNIT.matcher(value).matches() || value.startsWith("-")) {
      return invalid(
          "systemd unit name", value, "write the full unit name, such as nginx.service");
    }
    if (timer && !value.endsWith(".timer")) {
      return invalid("timer", value, "list timer units such as certbot.timer here");
    }
    if (!timer && value.endsWith(".timer")) {
      return invalid("unit", value, "move timer units to timers");
    }
    return Optional.empty();
  }

  /**
   * Checks a path to a file that contains a secret as {@link #absolutePath} does. The message
   * never quotes the value, because a value that is not a valid path may be the secret itself.
   */
  static Optional<String> secretFilePath(String value) {
    String fix;
    if (value.chars().anyMatch(Character::isISOControl)) {
      fix = "remove the control character";
    } else if (!value.startsWith("/")) {
      fix = "write an absolute path starting with / to the file that contains the secret";
    } else if (hasParentSegment(value)) {
      fix = "remove the .. segment and write the path directly";
    } else {
      return Optional.empty();
    }
    return Optional.of("invalid path (value not shown, because it may be a secret); " + fix);
  }

  static Optional<String> absolutePath(String value) {
    Optional<String> unsafe = noControlCharacters("path", value);
    if (unsafe.isPresent()) {
      return unsafe;
    }
    if (!value.startsWith("/")) {
      return invalid("path", value, "write an absolute path starting with /");
    }
    if (hasParentSegment(value)) {
      return invalid("path", value, "remove the .. segment and write the path directly");
    }
    return Optional.empty();
  }

  /** A shell glob relative to the backup directory, which must stay inside that directory. */
  static Optional<String> relativeGlob(String value) {
    Optional<String> unsafe = noControlCharacters("pattern", value);
    if (unsafe.isPresent()) {
      return unsafe;
    }
    if (value.isEmpty()) {
      return Optional.of("pattern is empty; write a glob such as daily/*.tar.gz");
    }
    if (value.startsWith("/")) {
      return invalid("pattern", value, "write it relative to the backup directory");
    }
    if (hasParentSegment(value)) {
      return invalid("pattern", value, "remove the .. segment; patterns stay inside the directory");
    }
    return Optional.empty();
  }

  private static boolean hasParentSegment(String path) {
    return List.of(path.split("/", -1)).contains("..");
  }

  private static Optional<String> noControlCharacters(String kind, String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return invalid(kind, value, "remove the control character");
      }
    }
    return Optional.empty();
  }

  /** Checks that a pattern compiles as a Java regular expression (java.util.regex). */
  static Optional<String> regex(String value) {
    try {
      Pattern.compile(value);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(
          "invalid regular expression "
              + Quoted.of(value)
              + ": "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + "; fix the expression, escaping special characters with a backslash");
    }
  }

  static Optional<String> httpUrl(String kind, String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
      if (http && uri.getHost() != null) {
        return Optional.empty();
      }
    } catch (URISyntaxException e) {
      // Reported below with the same fix as a wrong scheme.
    }
    return invalid(kind, value, "write an http:// or https:// URL with a host name");
  }

  /** Checks a {@code host:port} TLS endpoint, or the IPv6 form {@code [::1]:443}. */
  static Optional<String> endpoint(String value) {
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "" : value.substring(0, colon);
    String port = colon < 0 ? "" : value.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean validHost = !host.isEmpty() && address(host).isEmpty();
    boolean validPort = port.matches("\\d{1,5}") && inPortRange(Integer.parseInt(port));
    if (validHost && validPort) {
      return Optional.empty();
    }
    return invalid("endpoint", value, "write host:port with a port from 1 to 65535");
  }

  private static boolean inPortRange(int port) {
    return port >= 1 && port <= 65_535;
  }

  /** Formats a number the way the spec writes it: 1 not 1.0, 0.05 not 5.0E-2. */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static Optional<String> invalid(String kind, String value, String fix) {
    return Optional.of("invalid " + kind + " " + Quoted.of(value) + "; " + fix);
  }
}
