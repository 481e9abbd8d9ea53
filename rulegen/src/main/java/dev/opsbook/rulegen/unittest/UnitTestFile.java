package dev.opsbook.rulegen.unittest;

import dev.opsbook.spec.model.PromDuration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One promtool unit-test file, in the format of {@code promtool test rules}. Times are seconds
 * since the start of the test, which promtool puts at the Unix epoch.
 *
 * @param path path relative to the output directory, such as {@code tests/operations-test.yml}
 * @param ruleFiles rule files relative to the directory of the test file, because promtool
 *     resolves them from there
 * @param evaluationIntervalSeconds interval at which promtool evaluates every rule group
 * @param groupEvalOrder rule group names in evaluation order. promtool 2.42 orders groups at
 *     random without it, and a rule that reads a series recorded by another group would then
 *     see the previous evaluation's result in some runs.
 * @param comment lines of the header comment that say what the file proves
 * @param groups test groups in file order
 */
public record UnitTestFile(
    String path,
    List<String> ruleFiles,
    long evaluationIntervalSeconds,
    List<String> groupEvalOrder,
    List<String> comment,
    List<Group> groups) {

  public UnitTestFile {
    ruleFiles = List.copyOf(ruleFiles);
    groupEvalOrder = List.copyOf(groupEvalOrder);
    comment = List.copyOf(comment);
    groups = List.copyOf(groups);
  }

  /**
   * One entry of {@code tests}: input series and the checks that run on them.
   *
   * @param name test name that promtool prints on failure
   * @param comment lines that explain the case, or none
   * @param intervalSeconds spacing of the input samples
   */
  public record Group(
      String name,
      List<String> comment,
      long intervalSeconds,
      List<Series> inputSeries,
      List<ExprCheck> exprChecks,
      List<AlertCheck> alertChecks) {

    public Group {
      comment = List.copyOf(comment);
      inputSeries = List.copyOf(inputSeries);
      exprChecks = List.copyOf(exprChecks);
      alertChecks = List.copyOf(alertChecks);
    }
  }

  /**
   * An input series.
   *
   * @param series series in PromQL text form, such as {@code up{job="x"}}
   * @param values samples in promtool's expanding notation, such as {@code 0+10x60}
   */
  public record Series(String series, String values) {}

  /** A {@code promql_expr_test}: the samples {@code expr} returns at {@code evalSeconds}. */
  public record ExprCheck(String expr, long evalSeconds, List<Sample> samples) {

    public ExprCheck {
      samples = List.copyOf(samples);
    }
  }

  /**
   * One expected sample.
   *
   * @param labels labels in PromQL text form, such as {@code {host="a"}}
   */
  public record Sample(String labels, double value) {}

  /** An {@code alert_rule_test}: the alerts named {@code alertname} firing at the time. */
  public record AlertCheck(long evalSeconds, String alertname, List<ExpectedAlert> alerts) {

    public AlertCheck {
      alerts = List.copyOf(alerts);
    }
  }

  /** A firing alert with its full label set, without {@code alertname}, and its annotations. */
  public record ExpectedAlert(
      SortedMap<String, String> labels, SortedMap<String, String> annotations) {

    public ExpectedAlert(Map<String, String> labels, Map<String, String> annotations) {
      this(new TreeMap<>(labels), new TreeMap<>(annotations));
    }
  }

  /** Formats seconds as a Prometheus duration, {@code 0s} for zero. */
  public static String duration(long seconds) {
    return seconds == 0 ? "0s" : new PromDuration(seconds * 1000).toString();
  }
}
