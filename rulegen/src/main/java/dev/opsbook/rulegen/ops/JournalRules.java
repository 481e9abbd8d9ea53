package dev.opsbook.rulegen.ops;

import static dev.opsbook.spec.MetricNames.JOURNAL_ERROR_LINES_TOTAL;
import static dev.opsbook.spec.MetricNames.JOURNAL_PATTERN_LINES_TOTAL;
import static dev.opsbook.spec.MetricNames.LABEL_HOST;
import static dev.opsbook.spec.MetricNames.LABEL_PATTERN;
import static dev.opsbook.spec.MetricNames.PATTERN_AUTH_FAILURE;
import static dev.opsbook.spec.MetricNames.PATTERN_CRITICAL;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecContext.AlertText;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alerts on journal lines: the daily error budget, critical patterns and failed logins. */
final class JournalRules {

  static final String AUTH_FAILURES_1H = "host:opsbook_journal_auth_failure_lines:increase1h";

  private static final PromDuration ONE_DAY = PromDuration.parse("1d");
  private static final PromDuration ONE_HOUR = PromDuration.parse("1h");
  private static final PromDuration CRITICAL_LOOKBACK = PromDuration.parse("10m");

  private JournalRules() {}

  static RuleGroup group(SpecContext context, Checks.Journal journal) {
    List<Rule> rules = new ArrayList<>();
    rules.add(
        context.alert(
            new AlertText(
                "JournalErrorsHigh",
                "increase(" + JOURNAL_ERROR_LINES_TOTAL + "[" + ONE_DAY + "]) > "
                    + journal.maxErrorsPerDay(),
                null,
                "Host {{ $labels.host }} logged more than " + journal.maxErrorsPerDay()
                    + " journal errors in a day.",
                "{{ $labels.host }} logged about {{ $value | printf \"%.0f\" }} lines at priority"
                    + " err or worse in the last 24h; the budget is " + journal.maxErrorsPerDay()
                    + " per host per day."),
            Severity.WARNING,
            Map.of()));
    if (!journal.criticalPatterns().isEmpty()) {
      rules.add(criticalLines(context, journal));
    }
    if (journal.authFailurePattern() != null && !journal.authFailurePattern().isBlank()) {
      rules.addAll(authFailures(context, journal));
    }
    return new RuleGroup("opsbook-journal", rules);
  }

  private static Rule criticalLines(SpecContext context, Checks.Journal journal) {
    // Three collection intervals at least, so one late collection cannot hide a line.
    PromDuration lookback = CRITICAL_LOOKBACK;
    if (journal.interval() != null && journal.interval().millis() * 3 > lookback.millis()) {
      lookback = new PromDuration(journal.interval().millis() * 3);
    }
    PromDuration testLookback = context.overrides().criticalLinesLookback();
    if (testLookback != null) {
      lookback = testLookback;
    }
    String selector =
        Promql.selector(JOURNAL_PATTERN_LINES_TOTAL, Map.of(LABEL_PATTERN, PATTERN_CRITICAL));
    return context.alert(
        new AlertText(
            "JournalCriticalLines",
            "increase(" + selector + "[" + lookback + "]) > 0",
            null,
            "Host {{ $labels.host }} logged a line matching a critical pattern.",
            "{{ $labels.host }} logged about {{ $value | printf \"%.0f\" }} lines matching "
                + String.join(", ", journal.criticalPatterns()) + " in the last " + lookback
                + "."),
        Severity.CRITICAL,
        Map.of());
  }

  /**
   * Records hourly increases and sums them over the budget window with a 1h subquery step, so
   * each hour is counted once and no query reads 30 days of raw samples.
   */
  private static List<Rule> authFailures(SpecContext context, Checks.Journal journal) {
    PromDuration window = journal.authFailureWindow();
    String raw =
        Promql.selector(JOURNAL_PATTERN_LINES_TOTAL, Map.of(LABEL_PATTERN, PATTERN_AUTH_FAILURE));
    String count;
    List<Rule> rules = new ArrayList<>();
    if (window.compareTo(ONE_HOUR) <= 0) {
      count = "sum by (" + LABEL_HOST + ") (increase(" + raw + "[" + window + "]))";
    } else {
      rules.add(
          context.record(
              AUTH_FAILURES_1H,
              "sum by (" + LABEL_HOST + ") (increase(" + raw + "[" + ONE_HOUR + "]))",
              Map.of()));
      String recorded =
          Promql.selector(
              AUTH_FAILURES_1H, Map.of(SpecContext.LABEL_SERVICE, context.spec().service()));
      count = "sum_over_time(" + recorded + "[" + window + ":" + ONE_HOUR + "])";
    }
    rules.add(
        context.alert(
            new AlertText(
                "AuthFailuresHigh",
                count + " > " + journal.maxAuthFailures(),
                null,
                "Host {{ $labels.host }} logged more than " + journal.maxAuthFailures()
                    + " failed authentications in " + window + ".",
                "{{ $labels.host }} logged about {{ $value | printf \"%.0f\" }} lines matching the"
                    + " authentication-failure pattern in the last " + window + "; more than "
                    + journal.maxAuthFailures() + " may mean a brute-force attempt."),
            Severity.WARNING,
            Map.of()));
    return rules;
  }
}
