package dev.opsbook.rulegen.promtool;

/** Thrown when an external tool is missing, cannot start, times out or fails unexpectedly. */
public final class ToolException extends Exception {

  private static final long serialVersionUID = 1L;

  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
