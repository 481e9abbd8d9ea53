package dev.opsbook.exporter.collect.journal;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.journal.JournalJsonParser.JournalEntry;
import dev.opsbook.exporter.collect.journal.JournalJsonParser.ParsedEntries;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks.Journal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts new journal lines of one host from a saved cursor. The first run only saves the
 * cursor of the newest entry, so counting starts at the exporter's start and old lines are
 * never counted. When journalctl rejects the saved cursor, the check saves the newest cursor
 * again and keeps its counters: the lines in between are lost, none is counted twice and no
 * counter goes down. One run reads at most {@code maxLines} entries; the next run continues
 * from the last one read.
 */
public final class JournalCheck implements HostCheck {

  private static final Logger LOG = LoggerFactory.getLogger(JournalCheck.class);

  /** Entries read per run; at one run a minute this is 2000 lines a minute per host. */
  static final int DEFAULT_MAX_LINES = 2000;

  /** Bytes read per run; journald's default LineMax of 48 KiB fits many times. */
  static final int DEFAULT_MAX_BYTES = 512 * 1024;

  private static final Pattern CURSOR_LINE = Pattern.compile("(?m)^-- cursor: (\\S+)\\s*$");
  private static final Pattern STATUS_LINE =
      Pattern.compile("(?m)^" + Pattern.quote(JournalCommand.STATUS_MARKER) + " (\\d+)$");

  private final JournalCommand command;
  private final JournalCounters counters;
  private final Duration interval;
  private final int maxLines;
  private final int maxBytes;

  private boolean positioned;
  private String cursor;

  /**
   * @throws IllegalArgumentException when a pattern is not a valid regex or a value contains a
   *     NUL byte
   */
  public JournalCheck(Journal spec) {
    this(spec, DEFAULT_MAX_LINES, DEFAULT_MAX_BYTES);
  }

  JournalCheck(Journal spec, int maxLines, int maxBytes) {
    this.command = new JournalCommand(spec.units(), spec.directory(), spec.file());
    this.counters =
        new JournalCounters(spec.criticalPatterns(), spec.authFailurePattern(), spec.patterns());
    this.interval = spec.interval().toDuration();
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
  }

  @Override
  public String name() {
    return MetricNames.CHECK_JOURNAL;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    if (!positioned) {
      seekNewest(runner);
    } else {
      readNewEntries(runner);
    }
    return counters.samples();
  }

  /** Returns the saved cursor, {@code null} before the first run or when reading from the start. */
  String cursor() {
    return cursor;
  }

  /** Replaces the saved cursor, as a journal rotation or vacuum would invalidate it. */
  void replaceCursor(String cursor) {
    this.positioned = true;
    this.cursor = cursor;
  }

  private void seekNewest(CommandRunner runner) throws CheckFailure {
    CommandResult result =
        CheckCommands.run(runner, name(), command.seek(), CheckCommands.timeoutFor(interval));
    Matcher matcher = CURSOR_LINE.matcher(result.stdoutText());
    if (matcher.find()) {
      cursor = matcher.group(1);
    } else if (result.exitStatus() != 0 && result.stderrText().isBlank()) {
      // No entry matches yet, so every entry that appears later is new: read from the start.
      cursor = null;
    } else {
      throw failure(runner, "could not find the newest journal entry", result);
    }
    positioned = true;
  }

  private void readNewEntries(CommandRunner runner) throws CheckFailure {
    CommandResult result =
        CheckCommands.run(
            runner, name(), command.read(cursor, maxLines, maxBytes),
            CheckCommands.timeoutFor(interval));
    String stderr = result.stderrText();
    if (stderr.contains("Failed to seek to cursor")) {
      LOG.warn(
          "check journal on host {}: journalctl rejected the saved cursor ({}); counting"
              + " restarts from the newest entry and lines since the last run are not counted",
          runner.hostName(), CheckCommands.excerpt(stderr));
      seekNewest(runner);
      return;
    }
    Matcher status = STATUS_LINE.matcher(stderr);
    if (!status.find()) {
      throw failure(runner, "journalctl did not finish", result);
    }
    ParsedEntries parsed = JournalJsonParser.parse(result.stdout());
    if (parsed.entries().isEmpty() && !status.group(1).equals("0")) {
      throw failure(runner, "journalctl exited with status " + status.group(1), result);
    }
    if (parsed.invalidLines() > 0) {
      LOG.warn(
          "check journal on host {}: skipped {} journalctl output lines that are not journal"
              + " entries", runner.hostName(), parsed.invalidLines());
    }
    for (JournalEntry entry : parsed.entries()) {
      counters.count(entry);
      cursor = entry.cursor();
    }
  }

  private static CheckFailure failure(CommandRunner runner, String what, CommandResult result) {
    String stderr = result.stderrText();
    return new CheckFailure(
        CheckCommands.reasonOfPathError(stderr),
        "check journal on host " + runner.hostName() + ": " + what + ": "
            + CheckCommands.excerpt(stderr.replaceAll(
                "(?m)^" + Pattern.quote(JournalCommand.STATUS_MARKER) + " \\d+$", "")));
  }
}
