package dev.opsbook.exporter.runner;

/** A command could not be run to completion on a host. */
public final class CommandException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Bounded failure classes; each is a value of the {@code reason} label. */
  public enum Reason {
    UNREACHABLE("unreachable"),
    AUTH_FAILED("auth_failed"),
    HOST_KEY_UNKNOWN("host_key_unknown"),
    HOST_KEY_CHANGED("host_key_changed"),
    TIMEOUT("timeout"),
    OUTPUT_TOO_LARGE("output_too_large"),
    SSH_ERROR("ssh_error"),
    LOCAL_ERROR("local_error");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Reason reason;

  public CommandException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public CommandException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
