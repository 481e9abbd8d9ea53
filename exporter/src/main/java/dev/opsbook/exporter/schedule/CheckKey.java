package dev.opsbook.exporter.schedule;

import java.util.Comparator;

/**
 * Identity of one scheduled check.
 *
 * @param host the {@code host} label value; {@code exporter} for endpoint checks
 * @param check the {@code check} label value
 * @param endpoint the {@code endpoint} label value of an endpoint check, or empty for a host check
 */
public record CheckKey(String host, String check, String endpoint) implements Comparable<CheckKey> {

  private static final Comparator<CheckKey> ORDER =
      Comparator.comparing(CheckKey::host)
          .thenComparing(CheckKey::check)
          .thenComparing(CheckKey::endpoint);

  public CheckKey {
    endpoint = endpoint == null ? "" : endpoint;
  }

  public static CheckKey ofHost(String host, String check) {
    return new CheckKey(host, check, "");
  }

  public boolean isEndpointCheck() {
    return !endpoint.isEmpty();
  }

  @Override
  public int compareTo(CheckKey other) {
    return ORDER.compare(this, other);
  }

  /** Returns {@code host/check} or {@code host/check/endpoint}, the form used in log lines. */
  @Override
  public String toString() {
    return endpoint.isEmpty() ? host + "/" + check : host + "/" + check + "/" + endpoint;
  }
}
