package dev.opsbook.rulegen.ops;

import static dev.opsbook.spec.MetricNames.CHECK_SUCCESS;
import static dev.opsbook.spec.MetricNames.HOST_UP;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecContext.AlertText;
import dev.opsbook.rulegen.alertmanager.AlertNames;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alerts on the exporter itself: target down or missing, checks failing, hosts unreachable. */
public final class ExporterRules {

  /** Prometheus job name of the exporter's scrape config, which the deployment docs use too. */
  public static final String EXPORTER_JOB = "opsbook-exporter";

  private static final PromDuration FIVE_MINUTES = PromDuration.parse("5m");
  private static final PromDuration FIFTEEN_MINUTES = PromDuration.parse("15m");

  private ExporterRules() {}

  static RuleGroup group(SpecContext context, Checks.ExporterHealth health) {
    String up = Promql.selector("up", Map.of("job", EXPORTER_JOB));
    String service = context.spec().service();
    List<Rule> rules = new ArrayList<>();
    rules.add(
        context.alert(
            new AlertText(
                "OpsbookExporterDown",
                up + " == 0",
                FIVE_MINUTES,
                "The opsbook exporter of " + service + " cannot be scraped.",
                "Prometheus has failed to scrape {{ $labels.instance }} (job " + EXPORTER_JOB
                    + ") for 5m, up = {{ $value }}; the operational checks of " + service
                    + " report nothing until it is back."),
            Severity.WARNING,
            Map.of()));
    rules.add(
        context.alert(
            new AlertText(
                "OpsbookExporterMissing",
                "absent(" + up + ")",
                FIFTEEN_MINUTES,
                "Prometheus has no scrape target for the opsbook exporter of " + service + ".",
                "No series up{job=\"" + EXPORTER_JOB + "\"} has existed for 15m; add the"
                    + " exporter to the scrape configuration with job_name " + EXPORTER_JOB
                    + "."),
            Severity.WARNING,
            Map.of()));
    if (health != null) {
      rules.add(checkFailing(context, health.maxCheckFailureFor()));
    }
    rules.add(
        context.alert(
            new AlertText(
                AlertNames.HOST_UNREACHABLE,
                HOST_UP + " == 0",
                FIVE_MINUTES,
                "The exporter cannot reach host {{ $labels.host }}.",
                "The exporter has not reached {{ $labels.host }} over SSH for 5m ("
                    + HOST_UP + " = {{ $value }}); every check of that host is stale."),
            Severity.WARNING,
            Map.of()));
    return new RuleGroup("opsbook-exporter", rules);
  }

  private static Rule checkFailing(SpecContext context, PromDuration maxFailure) {
    return context.alert(
        new AlertText(
            "OpsbookCheckFailing",
            CHECK_SUCCESS + " == 0",
            maxFailure,
            "The {{ $labels.check }} check on {{ $labels.host }} keeps failing.",
            "The {{ $labels.check }} check on {{ $labels.host }} has failed for more than "
                + maxFailure + " (" + CHECK_SUCCESS + " = {{ $value }}); the reason label of"
                + " opsbook_check_failure_info says why."),
        Severity.WARNING,
        Map.of());
  }
}
