package dev.opsbook.rulegen.cli;

/** Exit codes of the rulegen command, stable for scripts and CI. */
public final class ExitCodes {

  /** Success; for check, the committed files are current. */
  public static final int OK = 0;
  /** check only: a generated file is stale, missing or extra. */
  public static final int STALE = 1;
  /** The spec is invalid, or the command line is. */
  public static final int INVALID = 2;
  /** Reading or writing files failed, or promtool is missing or failed. */
  public static final int FAILURE = 3;

  private ExitCodes() {}
}
