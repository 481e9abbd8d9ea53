package dev.opsbook.rulegen.slo;

import static dev.opsbook.rulegen.SpecFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.RuleLookup;
import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecFixtures;
import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.spec.BurnRateWindows;
import dev.opsbook.spec.model.Sli;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.Spec;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SloRuleFilesTest {

  private static final String SEL = "{service=\"spacetime-api\",slo=\"availability\"}";

  private static RuleFile fileOf(Slo slo) {
    Spec spec = SpecFixtures.withSlos(List.of(slo));
    return SloRuleFiles.build(new SpecContext(spec), slo);
  }

  private static RuleFile availability() {
    return fileOf(SpecFixtures.slos().get(0));
  }

  @Test
  void eventRatioRecordsShortWindowsFromRawSeries() {
    RuleFile file = availability();

    assertThat(file.path()).isEqualTo("rules/slo-availability.yml");
    assertThat(RuleLookup.recording(file, "slo:sli_total:rate5m").expr())
        .isEqualTo("sum(rate(http_requests_total{job=\"spacetime-api\"}[5m]))");
    assertThat(RuleLookup.recording(file, "slo:sli_bad:rate6h").expr())
        .isEqualTo(
            "sum(rate(http_requests_total{job=\"spacetime-api\",status=~\"5..\"}[6h]))"
                + " or (0 * sum(rate(http_requests_total{job=\"spacetime-api\"}[6h])))");
  }

  @Test
  void longWindowsAverageRecordedRates() {
    RuleFile file = availability();

    for (String window : List.of("1d", "3d", "30d")) {
      assertThat(RuleLookup.recording(file, "slo:sli_bad:rate" + window).expr())
          .isEqualTo("avg_over_time(slo:sli_bad:rate5m" + SEL + "[" + window + "])");
      assertThat(RuleLookup.recording(file, "slo:sli_total:rate" + window).expr())
          .isEqualTo("avg_over_time(slo:sli_total:rate5m" + SEL + "[" + window + "])");
    }
  }

  @Test
  void rawRangesAtMostSixHours() {
    Pattern range = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\[(\\w+)(:\\w*)?\\]");
    for (Slo slo : SpecFixtures.slos()) {
      for (Rule rule : RuleLookup.all(fileOf(slo))) {
        Matcher matcher = range.matcher(rule.expr());
        while (matcher.find()) {
          boolean recorded = matcher.group(1).contains(":");
          boolean subquery = matcher.group(4) != null;
          long millis = d(matcher.group(3)).millis();
          if (!recorded && !subquery) {
            assertThat(millis)
                .as(slo.name() + " " + rule.name() + " reads " + matcher.group())
                .isLessThanOrEqualTo(d("6h").millis());
          }
        }
      }
    }
  }

  @Test
  void errorRatioDropsZeroTraffic() {
    assertThat(RuleLookup.recording(availability(), "slo:sli_error:ratio_rate30d").expr())
        .isEqualTo(
            "slo:sli_bad:rate30d" + SEL + " / (slo:sli_total:rate30d" + SEL + " > 0)");
  }

  @Test
  void budgetAndBurnRateRecorded() {
    RuleFile file = availability();

    assertThat(RuleLookup.recording(file, "slo:burn_rate:ratio_rate1h").expr())
        .isEqualTo("slo:sli_error:ratio_rate1h" + SEL + " / 0.001");
    assertThat(RuleLookup.recording(file, "slo:error_budget_remaining:ratio_rate30d").expr())
        .isEqualTo(
            "(1 - slo:sli_error:ratio_rate30d" + SEL + " / 0.001)"
                + " or ((slo:sli_total:rate30d" + SEL + " == 0) + 1)");
    assertThat(RuleLookup.recording(file, "slo:objective:ratio").expr())
        .isEqualTo("vector(0.999)");
    assertThat(RuleLookup.recording(file, "slo:error_budget:ratio").expr())
        .isEqualTo("vector(0.001)");
  }

  @Test
  void recordingsCarrySpecAndSloLabels() {
    Slo slo = new Slo("availability", "Requests served.", 99.9, d("30d"), 100,
        new Sli.EventRatio("bad_total", "all_total"), Map.of("tier", "frontend"));

    for (Rule rule : RuleLookup.all(fileOf(slo))) {
      assertThat(rule.labels())
          .as(rule.name())
          .containsEntry("service", "spacetime-api")
          .containsEntry("slo", "availability")
          .containsEntry("team", "devops")
          .containsEntry("tier", "frontend");
    }
  }

  @Test
  void sloLabelOverridesSpecLabel() {
    Slo slo = new Slo("availability", "Requests served.", 99.9, d("30d"), 100,
        new Sli.EventRatio("bad_total", "all_total"), Map.of("team", "sre"));

    for (Rule rule : RuleLookup.all(fileOf(slo))) {
      assertThat(rule.labels()).as(rule.name()).containsEntry("team", "sre");
    }
  }

  @Test
  void latencyCountsBucketsAboveThreshold() {
    RuleFile file = fileOf(SpecFixtures.slos().get(1));

    assertThat(RuleLookup.recording(file, "slo:sli_total:rate5m").expr())
        .isEqualTo(
            "sum(rate(http_request_duration_seconds_count{job=\"spacetime-api\"}[5m]))");
    assertThat(RuleLookup.recording(file, "slo:sli_bad:rate5m").expr())
        .isEqualTo(
            "clamp_min(sum(rate(http_request_duration_seconds_count{job=\"spacetime-api\"}[5m]))"
                + " - sum(rate(http_request_duration_seconds_bucket"
                + "{job=\"spacetime-api\",le=\"0.2\"}[5m])), 0)");
  }

  @Test
  void latencyWholeSecondMatchesBothSpellings() {
    Slo slo = new Slo("latency-1s", "Within 1 s.", 99, d("30d"), 0,
        new Sli.Latency("duration_seconds", "", 1.0, List.of()), Map.of());

    String bad = RuleLookup.recording(fileOf(slo), "slo:sli_bad:rate5m").expr();

    assertThat(bad).contains("duration_seconds_bucket{le=~\"1|1\\\\.0\"}[5m]");
    assertThat(bad).contains("duration_seconds_count[5m]");
  }

  @Test
  void gaugeCountsTimeBelowBound() {
    RuleFile file = fileOf(SpecFixtures.slos().get(4));
    String fraction =
        "avg_over_time((spacetime_frames_per_second{job=\"spacetime-api\"} < bool 90)[5m:])";

    assertThat(RuleLookup.recording(file, "slo:sli_bad:rate5m").expr())
        .isEqualTo("sum(" + fraction + ")");
    assertThat(RuleLookup.recording(file, "slo:sli_total:rate5m").expr())
        .isEqualTo("count(" + fraction + ")");
  }

  @Test
  void gaugeExpressionIsParenthesized() {
    Slo slo = new Slo("fps", "Frames.", 99, d("30d"), 0,
        new Sli.GaugeThreshold("min by (job) (fps)", Sli.Comparison.LESS_OR_EQUAL, 16.5),
        Map.of());

    assertThat(RuleLookup.recording(fileOf(slo), "slo:sli_bad:rate5m").expr())
        .isEqualTo("sum(avg_over_time(((min by (job) (fps)) > bool 16.5)[5m:]))");
  }

  @Test
  void fourBurnRatePairsWithSeverities() {
    List<AlertingRule> alerts =
        RuleLookup.alerts(availability(), "SpacetimeApiAvailabilityBudgetBurn");

    assertThat(alerts).extracting(rule -> rule.labels().get("window"))
        .containsExactly("1h/5m", "6h/30m", "1d/2h", "3d/6h");
    assertThat(alerts).extracting(rule -> rule.labels().get("severity"))
        .containsExactly("critical", "critical", "warning", "warning");
    assertThat(alerts).extracting(rule -> rule.forDuration().toString())
        .containsExactly("2m", "2m", "15m", "1h");
  }

  @Test
  void pageAlertExpression() {
    AlertingRule page = RuleLookup.alerts(availability(), "SpacetimeApiAvailabilityBudgetBurn")
        .get(0);

    assertThat(page.expr())
        .isEqualTo(
            "(\n"
                + "  slo:sli_error:ratio_rate1h" + SEL + " >= 0.0144\n"
                + "and\n"
                + "  slo:sli_error:ratio_rate5m" + SEL + " >= 0.0144\n"
                + ")\n"
                + "and\n"
                + "  slo:sli_total:rate1h" + SEL + " * 3600 >= 100");
    assertThat(page.annotations().get("description"))
        .contains("{{ $value | humanizePercentage }}")
        .contains("1.44%")
        .contains("2d2h");
    assertThat(page.annotations().get("runbook_url"))
        .isEqualTo(
            "https://runbooks.example.com/spacetime-api#spacetimeapiavailabilitybudgetburn");
    assertThat(page.annotations().get("summary")).endsWith(".");
  }

  @Test
  void longPairGuardSumsHourlyRates() {
    AlertingRule ticket = RuleLookup.alerts(availability(), "SpacetimeApiAvailabilityBudgetBurn")
        .get(2);

    assertThat(ticket.expr())
        .endsWith("sum_over_time(slo:sli_total:rate1h" + SEL + "[1d:1h]) * 3600 >= 100");
  }

  @Test
  void noGuardWithoutMinEvents() {
    RuleFile file = fileOf(SpecFixtures.slos().get(4));

    for (AlertingRule alert : file.alertingRules()) {
      assertThat(alert.expr()).doesNotContain("sli_total");
    }
  }

  @Test
  void factorsScaleWithWindow() {
    Slo slo = new Slo("availability", "Requests served.", 99, d("28d"), 0,
        new Sli.EventRatio("bad_total", "all_total"), Map.of());

    List<AlertingRule> alerts =
        RuleLookup.alerts(fileOf(slo), "SpacetimeApiAvailabilityBudgetBurn");

    // 2 % of 28d in 1h is 13.44x, 5 % in 6h is 5.6x and 10 % in 1d is 2.8x. 10 % in 3d would be
    // 0.9333x, below the floor of 1.
    assertThat(alerts.get(0).expr()).contains(">= 0.1344\n");
    assertThat(alerts.get(1).expr()).contains(">= 0.056\n");
    assertThat(alerts.get(2).expr()).contains(">= 0.028\n");
    assertThat(alerts.get(3).expr()).contains(">= 0.01\n");
    assertThat(RuleLookup.recording(fileOf(slo), "slo:sli_error:ratio_rate28d")).isNotNull();
  }

  @Test
  void burnRateTableFor30Days() {
    assertThat(BurnRateWindows.forWindow(d("30d")))
        .extracting(BurnRateWindows.WindowPair::factor)
        .containsExactly(14.4, 6.0, 3.0, 1.0);
  }
}
