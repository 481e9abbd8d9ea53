package dev.opsbook.spec.model;

import java.util.Map;

/**
 * A host the exporter checks.
 *
 * @param name short name used as the {@code host} label; {@code local} means the machine the
 *     exporter runs on, reached without SSH
 * @param address DNS name or IP address for SSH; ignored for the local host
 * @param user SSH user name, or {@code null} for the user running the exporter
 * @param port SSH port, 22 by default
 * @param labels extra labels on this host's samples
 */
public record Host(String name, String address, String user, int port, Map<String, String> labels) {

  public static final String LOCAL = "local";

  public Host {
    labels = OrderedCopies.map(labels);
  }

  public static Host local() {
    return new Host(LOCAL, null, null, 22, Map.of());
  }

  public boolean isLocal() {
    return LOCAL.equals(name);
  }
}
