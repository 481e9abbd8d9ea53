package dev.opsbook.spec.model;

/**
 * Alert severity as the {@code severity} label carries it. A critical alert pages, a warning
 * opens a ticket, and info is only recorded.
 */
public enum Severity {
  CRITICAL("critical", "page"),
  WARNING("warning", "ticket"),
  INFO("info", "info");

  private final String label;
  private final String routeKey;

  Severity(String label, String routeKey) {
    this.label = label;
    this.routeKey = routeKey;
  }

  /** Returns the value of the {@code severity} label. */
  public String label() {
    return label;
  }

  /** Returns the key under {@code alerting.routes} in the spec: page, ticket or info. */
  public String routeKey() {
    return routeKey;
  }
}
