package dev.opsbook.exporter.collect.journal;

import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.journal.JournalJsonParser.JournalEntry;
import dev.opsbook.spec.MetricNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Line counters of one host's journal. They start at 0 when the exporter starts and only go
 * up; Prometheus' {@code increase()} handles the reset at an exporter restart. Not
 * thread-safe: the scheduler never runs one check instance twice at once.
 */
public final class JournalCounters {

  /** Highest syslog priority that counts as an error: 3, err. */
  static final int ERROR_PRIORITY = 3;

  private final List<Pattern> critical;
  private final Pattern authFailure;
  private final Map<String, Pattern> named;
  private final Map<String, Long> patternCounts = new LinkedHashMap<>();
  private long errorLines;

  /**
   * @param criticalPatterns regexes counted together as {@code critical}
   * @param authFailurePattern regex counted as {@code auth_failure}, or {@code null}
   * @param patterns pattern name to regex, each counted under its name
   * @throws IllegalArgumentException when a regex is invalid or a name is {@code critical} or
   *     {@code auth_failure}
   */
  public JournalCounters(
      List<String> criticalPatterns, String authFailurePattern, Map<String, String> patterns) {
    this.critical = new ArrayList<>();
    for (String regex : criticalPatterns) {
      critical.add(compile(regex, "critical pattern"));
    }
    this.authFailure =
        authFailurePattern == null ? null : compile(authFailurePattern, "auth failure pattern");
    this.named = new LinkedHashMap<>();
    patternCounts.put(MetricNames.PATTERN_CRITICAL, 0L);
    if (authFailure != null) {
      patternCounts.put(MetricNames.PATTERN_AUTH_FAILURE, 0L);
    }
    for (Map.Entry<String, String> pattern : new TreeMap<>(patterns).entrySet()) {
      String name = pattern.getKey();
      if (patternCounts.containsKey(name)) {
        throw new IllegalArgumentException(
            "journal pattern name \"" + name + "\" is reserved; rename the pattern");
      }
      named.put(name, compile(pattern.getValue(), "pattern " + name));
      patternCounts.put(name, 0L);
    }
  }

  private static Pattern compile(String regex, String what) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "journal " + what + " \"" + regex + "\" is not a valid Java regex: " + e.getDescription(),
          e);
    }
  }

  /** Counts one entry: once for its priority, once per pattern name whose regex matches. */
  public void count(JournalEntry entry) {
    if (entry.priority() >= 0 && entry.priority() <= ERROR_PRIORITY) {
      errorLines++;
    }
    String message = entry.message();
    for (Pattern pattern : critical) {
      if (pattern.matcher(message).find()) {
        increment(MetricNames.PATTERN_CRITICAL);
        break;
      }
    }
    if (authFailure != null && authFailure.matcher(message).find()) {
      increment(MetricNames.PATTERN_AUTH_FAILURE);
    }
    for (Map.Entry<String, Pattern> pattern : named.entrySet()) {
      if (pattern.getValue().matcher(message).find()) {
        increment(pattern.getKey());
      }
    }
  }

  private void increment(String name) {
    patternCounts.merge(name, 1L, Long::sum);
  }

  /** Returns the counters as samples, every pattern included even at 0. */
  public List<Sample> samples() {
    List<Sample> samples = new ArrayList<>();
    samples.add(Sample.counter(MetricNames.JOURNAL_ERROR_LINES_TOTAL, Map.of(), errorLines));
    for (Map.Entry<String, Long> count : patternCounts.entrySet()) {
      samples.add(
          Sample.counter(
              MetricNames.JOURNAL_PATTERN_LINES_TOTAL,
              Map.of(MetricNames.LABEL_PATTERN, count.getKey()),
              count.getValue()));
    }
    return samples;
  }
}
