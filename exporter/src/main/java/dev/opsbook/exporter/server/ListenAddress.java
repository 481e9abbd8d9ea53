package dev.opsbook.exporter.server;

/**
 * Address the HTTP server binds to, written {@code HOST:PORT}, {@code :PORT} for every
 * interface, or {@code [IPV6]:PORT}.
 *
 * @param host host name or IP address, or empty for every interface
 * @param port TCP port, 0 for any free port
 */
public record ListenAddress(String host, int port) {

  public static final int DEFAULT_PORT = 9469;

  /**
   * Parses {@code HOST:PORT}, {@code :PORT} or {@code [IPV6]:PORT}.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static ListenAddress parse(String text) {
    String value = text == null ? "" : text.trim();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(text, "the port is missing");
    }
    String host = value.substring(0, colon);
    String portText = value.substring(colon + 1);
    if (host.startsWith("[")) {
      if (!host.endsWith("]") || host.length() < 3) {
        throw invalid(text, "an IPv6 address must be written in brackets, such as [::1]:9469");
      }
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw invalid(text, "write an IPv6 address in brackets, such as [::1]:9469");
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw invalid(text, "\"" + portText + "\" is not a port number");
    }
    if (port < 0 || port > 65535) {
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

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException(
        "invalid listen address \"" + text + "\": " + problem + "; use HOST:PORT or :PORT");
  }
}
