package dev.opsbook.exporter.collect;

/**
 * Reason label values of check failures raised by the collectors themselves. Failures of the
 * runner use {@code CommandException.Reason.label()} instead.
 */
public final class Reasons {

  /** A command exited with a non-zero status for a cause not listed below. */
  public static final String EXIT_STATUS = "exit_status";
  /** Command output or file content is not in the expected format. */
  public static final String PARSE_ERROR = "parse_error";
  /** A path, unit or field named in the spec does not exist. */
  public static final String NOT_FOUND = "not_found";
  /** The monitoring user may not read a path. */
  public static final String PERMISSION_DENIED = "permission_denied";
  /** A file exceeds the size cap of the check. */
  public static final String TOO_LARGE = "too_large";
  /** A file contains no certificate. */
  public static final String NO_CERTIFICATE = "no_certificate";
  /** A probe or command ran out of time. */
  public static final String TIMEOUT = "timeout";
  /** A network endpoint refused or dropped the connection, or its name did not resolve. */
  public static final String UNREACHABLE = "unreachable";
  /** A TLS handshake failed for a cause other than verification. */
  public static final String TLS_ERROR = "tls_error";
  /** A path names a directory or device instead of a regular file. */
  public static final String NOT_A_FILE = "not_a_file";

  private Reasons() {}
}
