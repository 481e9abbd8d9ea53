package dev.opsbook.rulegen.alertmanager;

/**
 * Grouping and repetition delays of one route, as Prometheus duration strings.
 *
 * @param groupWait delay before the first notification of a new group, to collect its alerts
 * @param groupInterval delay before notifying about alerts added to a group already notified
 * @param repeatInterval delay before sending a notification again for an unchanged group
 */
public record RouteTiming(String groupWait, String groupInterval, String repeatInterval) {

  /** Critical alerts: page within about 30 seconds, and remind the on-call every 4 hours. */
  public static final RouteTiming PAGE = new RouteTiming("30s", "5m", "4h");

  /** Warnings: batch for 5 minutes, since a ticket is not urgent, and repeat once a day. */
  public static final RouteTiming TICKET = new RouteTiming("5m", "1h", "24h");

  /** Info alerts and alerts without a known severity: the same pace as tickets. */
  public static final RouteTiming INFO = new RouteTiming("5m", "1h", "24h");
}
