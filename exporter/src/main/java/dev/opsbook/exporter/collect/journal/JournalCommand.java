package dev.opsbook.exporter.collect.journal;

import dev.opsbook.exporter.runner.ShellQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the journalctl commands of the journal check. Every value is one quoted word, such
 * as {@code '--after-cursor=s=...'}.
 */
public final class JournalCommand {

  static final String STATUS_MARKER = "==opsbook-journalctl==";

  /** Fields in the JSON output; journalctl adds the cursor and timestamps anyway. */
  static final String OUTPUT_FIELDS = "MESSAGE,PRIORITY,__CURSOR,_BOOT_ID";

  private final List<String> sourceArguments;

  /**
   * @param units units whose lines are read; empty means the whole journal
   * @param directory journal directory, or {@code null}
   * @param file journal file, or {@code null}; used only when {@code directory} is null
   * @throws IllegalArgumentException when a value contains a NUL byte
   */
  public JournalCommand(List<String> units, String directory, String file) {
    List<String> arguments = new ArrayList<>();
    if (directory != null) {
      arguments.add(ShellQuote.quote("--directory=" + directory));
    } else if (file != null) {
      arguments.add(ShellQuote.quote("--file=" + file));
    }
    for (String unit : units) {
      arguments.add(ShellQuote.quote("--unit=" + unit));
    }
    this.sourceArguments = List.copyOf(arguments);
  }

  /**
   * Returns the command that prints the cursor of the newest matching entry as
   * {@code -- cursor: <cursor>} and no entries. journalctl 252 exits with status 1 and prints
   * nothing when no entry matches.
   */
  public String seek() {
    return "export LC_ALL=C; journalctl " + String.join(" ", sourceArguments)
        + " -q --no-pager -o json -n 0 --show-cursor";
  }

  /**
   * Returns the command that prints matching entries after the cursor, or from the start when
   * the cursor is {@code null}, as JSON lines, at most {@code maxLines} lines and
   * {@code maxBytes} bytes. journalctl's exit status goes to stderr after a marker, because
   * the pipe into {@code head} hides it and POSIX sh has no {@code pipefail}. {@code --all}
   * keeps journalctl from printing fields over 4096 bytes as {@code null}.
   */
  public String read(String cursor, int maxLines, int maxBytes) {
    StringBuilder command =
        new StringBuilder("export LC_ALL=C; { journalctl ")
            .append(String.join(" ", sourceArguments));
    if (cursor != null) {
      command.append(' ').append(ShellQuote.quote("--after-cursor=" + cursor));
    }
    return command
        .append(" -q --no-pager --all -o json --output-fields=")
        .append(OUTPUT_FIELDS)
        .append("; echo \"")
        .append(STATUS_MARKER)
        .append(" $?\" >&2; } | head -n ")
        .append(maxLines)
        .append(" | head -c ")
        .append(maxBytes)
        .toString();
  }
}
