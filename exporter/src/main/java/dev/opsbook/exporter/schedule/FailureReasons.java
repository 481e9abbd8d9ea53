package dev.opsbook.exporter.schedule;

import dev.opsbook.exporter.runner.CommandException;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Bounds failure reasons to short label values and maps them to host reachability. */
public final class FailureReasons {

  /** The scheduler stopped waiting for the run after the check timeout. */
  public static final String TIMEOUT = "timeout";
  /** The check threw an unexpected exception, which is a bug in the check. */
  public static final String INTERNAL_ERROR = "internal_error";
  /** The collector's reason was not a short lower-case identifier. */
  public static final String OTHER = "other";

  static final int MAX_LENGTH = 40;
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]*");

  private static final Set<CommandException.Reason> HOST_DOWN =
      EnumSet.of(
          CommandException.Reason.UNREACHABLE,
          CommandException.Reason.AUTH_FAILED,
          CommandException.Reason.HOST_KEY_UNKNOWN,
          CommandException.Reason.HOST_KEY_CHANGED);

  private FailureReasons() {}

  /**
   * Returns the reason as a label value: a lower-case identifier of at most 40 characters is kept,
   * anything else becomes {@code other}, so a collector cannot create unbounded series.
   */
  public static String sanitize(String reason) {
    if (reason == null || reason.length() > MAX_LENGTH || !VALID.matcher(reason).matches()) {
      return OTHER;
    }
    return reason;
  }

  /**
   * Returns whether a failure means the host is down: true when the runner could not reach the
   * host, log in or verify its key, named either by the reason or by a {@link CommandException}
   * among the causes. Other failures leave the host's state as it was, because the host may have answered.
   */
  public static boolean meansHostDown(String reason, Throwable failure) {
    for (CommandException.Reason candidate : HOST_DOWN) {
      if (candidate.label().equals(reason)) {
        return true;
      }
    }
    Throwable cause = failure;
    // Cause chains can be cyclic; a depth bound is simpler than tracking visited exceptions.
    for (int depth = 0; cause != null && depth < 16; depth++) {
      if (cause instanceof CommandException command) {
        return HOST_DOWN.contains(command.reason());
      }
      cause = cause.getCause();
    }
    return false;
  }
}
