package dev.opsbook.exporter.collect;

import dev.opsbook.exporter.runner.CommandException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs the commands of host checks and turns runner errors into {@link CheckFailure}s. */
public final class CheckCommands {

  /** Maximum length of the excerpt of command output or error text in a failure message. */
  static final int MAX_EXCERPT_CHARS = 200;

  /** Command timeout of a check whose interval is long; shorter intervals cap it. */
  static final Duration MAX_COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private CheckCommands() {}

  /** Returns the command timeout of a check: its interval, but at most 30 seconds. */
  public static Duration timeoutFor(Duration interval) {
    return interval.compareTo(MAX_COMMAND_TIMEOUT) < 0 ? interval : MAX_COMMAND_TIMEOUT;
  }

  /**
   * Runs a command and returns its result whatever its exit status.
   *
   * @throws CheckFailure with the runner's reason label when the command could not run
   */
  public static CommandResult run(
      CommandRunner runner, String check, String command, Duration timeout) throws CheckFailure {
    try {
      return runner.run(command, timeout);
    } catch (CommandException e) {
      throw new CheckFailure(
          e.reason().label(),
          "check " + check + " on host " + runner.hostName() + " failed: " + e.getMessage(),
          e);
    }
  }

  /**
   * Runs a command that must exit with status 0.
   *
   * @throws CheckFailure {@code exit_status} with an excerpt of stderr when it does not
   */
  public static CommandResult runSuccessful(
      CommandRunner runner, String check, String command, Duration timeout) throws CheckFailure {
    CommandResult result = run(runner, check, command, timeout);
    if (!result.succeeded()) {
      throw new CheckFailure(
          Reasons.EXIT_STATUS,
          "check " + check + " on host " + runner.hostName() + ": command exited with status "
              + result.exitStatus() + ": " + excerpt(result.stderrText()));
    }
    return result;
  }

  /**
   * Decodes bytes as strict UTF-8.
   *
   * @throws CheckFailure {@code parse_error} naming {@code what} when the bytes are not UTF-8
   */
  public static String decodeUtf8(byte[] bytes, String host, String check, String what)
      throws CheckFailure {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CheckFailure(
          Reasons.PARSE_ERROR,
          "check " + check + " on host " + host + ": " + what + " is not valid UTF-8",
          e);
    }
  }

  /** Returns the text on one line, cut to 200 characters, for failure messages and logs. */
  public static String excerpt(String text) {
    String line = text.strip().replaceAll("[\\r\\n\\t]+", " | ").replaceAll("\\p{Cntrl}", "?");
    if (line.isEmpty()) {
      return "(no output)";
    }
    return line.length() <= MAX_EXCERPT_CHARS ? line : line.substring(0, MAX_EXCERPT_CHARS) + "...";
  }

  /**
   * Classifies the error text of a command that failed on one path: {@code not_found},
   * {@code permission_denied} or {@code exit_status}. Commands run with {@code LC_ALL=C}, so
   * the text is the C library's English message.
   */
  public static String reasonOfPathError(String errorText) {
    if (errorText.contains("No such file or directory") || errorText.contains("Not a directory")) {
      return Reasons.NOT_FOUND;
    }
    if (errorText.contains("Permission denied")) {
      return Reasons.PERMISSION_DENIED;
    }
    return Reasons.EXIT_STATUS;
  }
}
