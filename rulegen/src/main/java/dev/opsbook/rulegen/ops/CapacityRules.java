package dev.opsbook.rulegen.ops;

import static dev.opsbook.spec.MetricNames.LABEL_HOST;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecContext.AlertText;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scale-up and scale-down rules: utilisation is recorded per host at a short window, and the
 * alerts average the recorded series over days, never the raw counters.
 */
final class CapacityRules {

  static final String MEMORY = "host:opsbook_host_memory_utilisation:ratio";

  private static final PromDuration MIN_RATE_WINDOW = PromDuration.parse("5m");
  private static final PromDuration ONE_HOUR = PromDuration.parse("1h");

  private CapacityRules() {}

  /** Returns the CPU rate window: 5m, or four collection intervals when that is longer. */
  static PromDuration cpuWindow(Checks.Capacity capacity) {
    long fourIntervals = capacity.interval() == null ? 0 : capacity.interval().millis() * 4;
    return fourIntervals > MIN_RATE_WINDOW.millis()
        ? new PromDuration(fourIntervals)
        : MIN_RATE_WINDOW;
  }

  static String cpuSeries(Checks.Capacity capacity) {
    return "host:opsbook_host_cpu_utilisation:ratio_rate" + cpuWindow(capacity);
  }

  static RuleGroup group(SpecContext context, Checks.Capacity capacity) {
    String cpu = cpuSeries(capacity);
    List<Rule> rules = new ArrayList<>();
    rules.add(
        context.record(
            cpu, HostRules.cpuUtilisation(cpuWindow(capacity).toString()), Map.of()));
    rules.add(context.record(MEMORY, HostRules.memoryUtilisation(), Map.of()));

    rules.add(sustained(context, new Usage("HostCpuHighSustained", "CPU", cpu),
        ">", capacity.cpuHighPercent(), capacity.highFor(), Severity.WARNING, "scale up"));
    rules.add(sustained(context, new Usage("HostMemoryHighSustained", "memory", MEMORY),
        ">", capacity.memoryHighPercent(), capacity.highFor(), Severity.WARNING, "scale up"));
    rules.add(sustained(context, new Usage("HostCpuLowSustained", "CPU", cpu),
        "<", capacity.cpuLowPercent(), capacity.lowFor(), Severity.INFO, "consider scaling down"));
    rules.add(sustained(context, new Usage("HostMemoryLowSustained", "memory", MEMORY),
        "<", capacity.memoryLowPercent(), capacity.lowFor(), Severity.INFO,
        "consider scaling down"));
    return new RuleGroup("opsbook-capacity", rules);
  }

  private record Usage(String alert, String resource, String series) {}

  /**
   * Returns an alert on the average utilisation over {@code period}. The second condition
   * requires samples from the start of the period, so a host with one day of history cannot look
   * like a week of low load.
   */
  private static Rule sustained(
      SpecContext context,
      Usage usage,
      String operator,
      double percent,
      PromDuration period,
      Severity severity,
      String action) {
    String service = context.spec().service();
    String recorded =
        Promql.selector(usage.series(), Map.of(SpecContext.LABEL_SERVICE, service));
    String threshold = Num.format(percent);
    StringBuilder expr = new StringBuilder();
    expr.append("100 * avg_over_time(").append(recorded).append("[").append(period).append("]) ")
        .append(operator).append(" ").append(threshold);
    if (period.compareTo(ONE_HOUR) > 0) {
      PromDuration offset = new PromDuration(period.millis() - ONE_HOUR.millis());
      expr.append("\nand on (").append(LABEL_HOST).append(")\n  count_over_time(")
          .append(recorded).append("[").append(ONE_HOUR).append("] offset ").append(offset)
          .append(") > 0");
    }
    String comparison = operator.equals(">") ? "above" : "below";
    return context.alert(
        new AlertText(
            usage.alert(),
            expr.toString(),
            ONE_HOUR,
            "The " + usage.resource() + " utilisation of {{ $labels.host }} has averaged "
                + comparison + " " + threshold + "% for " + period + ".",
            "The " + usage.resource() + " utilisation of {{ $labels.host }} averaged"
                + " {{ $value | humanize }}% over the last " + period + ", " + comparison
                + " the " + threshold + "% threshold; " + action + "."),
        severity,
        Map.of());
  }
}
