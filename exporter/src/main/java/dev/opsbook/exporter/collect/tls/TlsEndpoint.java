package dev.opsbook.exporter.collect.tls;

/**
 * A {@code host:port} TLS endpoint; IPv6 addresses are written in brackets, {@code [::1]:443}.
 */
public record TlsEndpoint(String host, int port) {

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException naming the value when it is not {@code host:port}
   */
  public static TlsEndpoint parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw invalid(text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw invalid(text);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw invalid(text);
    }
    return new TlsEndpoint(host, port);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "TLS endpoint \"" + text + "\" is not host:port; write it as api.example.com:443"
            + " or [2001:db8::1]:443");
  }

  /** Returns true when the host is an IP address literal, to which SNI does not apply. */
  boolean isIpLiteral() {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
