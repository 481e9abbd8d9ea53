package dev.opsbook.rulegen.ops;

import static dev.opsbook.spec.MetricNames.CHECK_STATUS;
import static dev.opsbook.spec.MetricNames.CHECK_SUCCESS;
import static dev.opsbook.spec.MetricNames.LABEL_CHECK;
import static dev.opsbook.spec.MetricNames.LABEL_UNIT;
import static dev.opsbook.spec.MetricNames.STATUS_COMPONENT_STATE;
import static dev.opsbook.spec.MetricNames.STATUS_READY;
import static dev.opsbook.spec.MetricNames.SYSTEMD_UNIT_ACTIVE;

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

/** Alerts on the service itself: systemd units and timers, and the JSON status endpoint. */
final class ServiceRules {

  private static final PromDuration FIVE_MINUTES = PromDuration.parse("5m");
  private static final PromDuration FIFTEEN_MINUTES = PromDuration.parse("15m");

  private ServiceRules() {}

  static RuleGroup systemd(SpecContext context, Checks.ServiceUnits units) {
    List<Rule> rules = new ArrayList<>();
    if (!units.units().isEmpty()) {
      String selector =
          Promql.selectorOf(SYSTEMD_UNIT_ACTIVE, Promql.equalAny(LABEL_UNIT, units.units()));
      rules.add(
          context.alert(
              new AlertText(
                  "SystemdUnitNotActive",
                  selector + " == 0",
                  FIVE_MINUTES,
                  "Unit {{ $labels.unit }} is not active on {{ $labels.host }}.",
                  "systemd has reported {{ $labels.unit }} on {{ $labels.host }} as not active"
                      + " for 5m (" + SYSTEMD_UNIT_ACTIVE + " = {{ $value }})."),
              Severity.CRITICAL,
              Map.of()));
    }
    if (!units.timers().isEmpty()) {
      String selector =
          Promql.selectorOf(SYSTEMD_UNIT_ACTIVE, Promql.equalAny(LABEL_UNIT, units.timers()));
      rules.add(
          context.alert(
              new AlertText(
                  "SystemdTimerNotActive",
                  selector + " == 0",
                  FIFTEEN_MINUTES,
                  "Timer {{ $labels.unit }} is not scheduled on {{ $labels.host }}.",
                  "systemd has reported timer {{ $labels.unit }} on {{ $labels.host }} as not"
                      + " active for 15m (" + SYSTEMD_UNIT_ACTIVE + " = {{ $value }}), so the"
                      + " job it starts does not run."),
              Severity.WARNING,
              Map.of()));
    }
    return rules.isEmpty() ? null : new RuleGroup("opsbook-systemd", rules);
  }

  static RuleGroup statusEndpoint(SpecContext context, Checks.StatusEndpoint status) {
    List<Rule> rules = new ArrayList<>();
    rules.add(
        context.alert(
            new AlertText(
                "StatusEndpointNotReady",
                STATUS_READY + " == 0",
                FIVE_MINUTES,
                "The status endpoint {{ $labels.endpoint }} reports not ready.",
                "{{ $labels.endpoint }} has not answered 2xx with " + status.readyField()
                    + " = true for 5m (" + STATUS_READY + " = {{ $value }})."),
            Severity.CRITICAL,
            Map.of()));
    if (!status.components().isEmpty()) {
      rules.add(
          context.alert(
              new AlertText(
                  "StatusComponentStateUnexpected",
                  STATUS_COMPONENT_STATE + " != " + status.expectedState(),
                  FIVE_MINUTES,
                  "Component {{ $labels.component }} of {{ $labels.endpoint }} is not in state "
                      + status.expectedState() + ".",
                  "{{ $labels.endpoint }} has reported state {{ $value }} for component"
                      + " {{ $labels.component }} for 5m; the expected state is "
                      + status.expectedState() + "."),
              Severity.WARNING,
              Map.of()));
    }
    String probe = Promql.selector(CHECK_SUCCESS, Map.of(LABEL_CHECK, CHECK_STATUS));
    rules.add(
        context.alert(
            new AlertText(
                "StatusEndpointProbeFailing",
                probe + " == 0",
                FIVE_MINUTES,
                "The exporter cannot probe the status endpoint.",
                "The probe of " + status.url() + " has failed for 5m ("
                    + CHECK_SUCCESS + " = {{ $value }}); see opsbook_check_failure_info for"
                    + " the reason."),
            Severity.WARNING,
            Map.of()));
    return new RuleGroup("opsbook-status-endpoint", rules);
  }
}
