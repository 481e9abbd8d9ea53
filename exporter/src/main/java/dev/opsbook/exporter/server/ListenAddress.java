package dev.opsbook.exporter.server;

import java.util.regex.Pattern;

/**
 * Address the HTTP server binds to, written {@code HOST:PORT}, {@code :PORT} for every
 * interface, or {@code [IPV6]:PORT}.
 *
 * @param host host name or IP address, or empty for every interface
 * @param port TCP port, 0 for any free port
 */
public record ListenAddress(String host, int port) {

  public static final int DEFAULT_PORT = 9469;

  /** DNS label as RFC 1123 allows it: letters, digits and inner hyphens, at most 63 long. */
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern NUMERIC_NAME = Pattern.compile("[0-9.]+");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]"
          + "|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern IPV6_ZONE = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final int MAX_HOST_NAME_LENGTH = 253;

  /**
   * Parses {@code HOST:PORT}, {@code :PORT} or {@code [IPV6]:PORT}. HOST is a host name, an
   * IPv4 address or a bracketed IPv6 address, and the value contains no whitespace.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static ListenAddress parse(String text) {
    String value = text == null ? "" : text;
    if (value.codePoints().anyMatch(Character::isWhitespace)) {
      throw invalid(text, "it contains whitespace");
    }
    String host;
    String portText;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw invalid(text, "the ] after the IPv6 address is missing, such as [::1]:9469");
      }
      if (close + 1 >= value.length() || value.charAt(close + 1) != ':') {
        throw invalid(text, "the port is missing after the ]");
      }
      host = value.substring(1, close);
      portText = value.substring(close + 2);
      if (!isIpv6(host)) {
        throw invalid(text, "\"" + host + "\" is not an IPv6 address");
      }
    } else {
      int colon = value.lastIndexOf(':');
      if (colon < 0) {
        throw invalid(text, "the port is missing");
      }
      host = value.substring(0, colon);
      portText = value.substring(colon + 1);
      if (host.contains(":")) {
        throw invalid(text, "write an IPv6 address in brackets, such as [::1]:9469");
      }
      if (!host.isEmpty() && !isHostNameOrIpv4(host)) {
        throw invalid(text, "\"" + host + "\" is not a host name or IPv4 address");
      }
    }
    if (!PORT.matcher(portText).matches()) {
      throw invalid(text, "\"" + portText + "\" is not a port number");
    }
    int port = Integer.parseInt(portText);
    if (port > 65535) {
      throw invalid(text, "the port must be between 0 and 65535");
    }
    return new ListenAddress(host, port);
  }

  /** Returns whether the server binds every interface. */
  public boolean isWildcard() {
    return host.isEmpty();
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static boolean isHostNameOrIpv4(String host) {
    // A name of digits and dots only would be read as an IPv4 address, so it must be one.
    if (NUMERIC_NAME.matcher(host).matches()) {
      return IPV4.matcher(host).matches();
    }
    if (host.length() > MAX_HOST_NAME_LENGTH) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether the host is an IPv6 address in the RFC 4291 text form: eight groups of one
   * to four hex digits, or fewer around one {@code ::}, the last two groups optionally written
   * as an IPv4 address, and an optional {@code %zone}.
   */
  private static boolean isIpv6(String host) {
    String address = host;
    int percent = host.indexOf('%');
    if (percent >= 0) {
      if (!IPV6_ZONE.matcher(host.substring(percent + 1)).matches()) {
        return false;
      }
      address = host.substring(0, percent);
    }
    String[] halves = address.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    int groups = 0;
    for (int half = 0; half < halves.length; half++) {
      if (halves[half].isEmpty()) {
        continue;
      }
      String[] parts = halves[half].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        boolean last = half == halves.length - 1 && i == parts.length - 1;
        if (IPV6_GROUP.matcher(parts[i]).matches()) {
          groups += 1;
        } else if (last && IPV4.matcher(parts[i]).matches()) {
          groups += 2;
        } else {
          return false;
        }
      }
    }
    return halves.length == 2 ? groups <= 7 : groups == 8;
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException(
        "invalid listen address \"" + text + "\": " + problem + "; use HOST:PORT or :PORT");
  }
}
