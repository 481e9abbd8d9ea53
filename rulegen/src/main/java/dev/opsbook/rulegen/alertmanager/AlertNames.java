package dev.opsbook.rulegen.alertmanager;

/** Alert names that the Alertmanager configuration refers to, so the rules must emit them. */
public final class AlertNames {

  /**
   * Alert that fires while {@code opsbook_host_up == 0} for a host. Its {@code host} label must
   * be the host's name, because the inhibition rule matches other alerts of that host by it.
   */
  public static final String HOST_UNREACHABLE = "OpsbookHostUnreachable";

  private AlertNames() {}
}
