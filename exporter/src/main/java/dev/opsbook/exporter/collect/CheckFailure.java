package dev.opsbook.exporter.collect;

/**
 * A check that did not produce its samples. The reason is a short, bounded identifier such as
 * {@code timeout} or {@code parse_error}, safe as a label value; the message is for the log.
 */
public final class CheckFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public CheckFailure(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public CheckFailure(String reason, String message) {
    this(reason, message, null);
  }

  public String reason() {
    return reason;
  }
}
