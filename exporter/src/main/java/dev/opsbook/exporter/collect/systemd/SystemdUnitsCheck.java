package dev.opsbook.exporter.collect.systemd;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.systemd.SystemctlShowParser.SystemctlFormatException;
import dev.opsbook.exporter.collect.systemd.SystemctlShowParser.UnitState;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * State of the spec's service units and timers. A unit that is not installed still reports,
 * with {@code load_state="not-found"} and active 0, because systemctl shows it like any other.
 */
public final class SystemdUnitsCheck implements HostCheck {

  private final List<String> units;
  private final Duration interval;
  private final String command;

  /**
   * @param units service and timer unit names as the spec writes them; they become the
   *     {@code unit} label, even when systemd resolves an alias to another {@code Id}
   * @throws IllegalArgumentException when a unit name contains a NUL byte
   */
  public SystemdUnitsCheck(List<String> units, Duration interval) {
    this.units = List.copyOf(units);
    this.interval = interval;
    this.command = SystemctlShowCommand.build(this.units);
  }

  @Override
  public String name() {
    return MetricNames.CHECK_SYSTEMD;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    CommandResult result =
        CheckCommands.runSuccessful(runner, name(), command, CheckCommands.timeoutFor(interval));
    String output =
        CheckCommands.decodeUtf8(result.stdout(), runner.hostName(), name(), "systemctl output");
    List<UnitState> states;
    try {
      states = SystemctlShowParser.parse(output);
    } catch (SystemctlFormatException e) {
      throw parseFailure(runner, e.getMessage(), e);
    }
    if (states.size() != units.size()) {
      throw parseFailure(
          runner,
          "systemctl show printed " + states.size() + " units for the " + units.size()
              + " requested (" + String.join(", ", units) + ")",
          null);
    }
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      samples.addAll(samplesOf(units.get(i), states.get(i)));
    }
    return samples;
  }

  private static CheckFailure parseFailure(CommandRunner runner, String message, Exception cause) {
    return new CheckFailure(
        Reasons.PARSE_ERROR, "check systemd on host " + runner.hostName() + ": " + message, cause);
  }

  static List<Sample> samplesOf(String unit, UnitState state) {
    Map<String, String> unitLabel = Map.of(MetricNames.LABEL_UNIT, unit);
    List<Sample> samples = new ArrayList<>();
    samples.add(
        Sample.gauge(
            MetricNames.SYSTEMD_UNIT_ACTIVE, unitLabel, state.activeState().equals("active") ? 1 : 0));
    samples.add(
        Sample.gauge(
            MetricNames.SYSTEMD_UNIT_INFO,
            Map.of(
                MetricNames.LABEL_UNIT, unit,
                MetricNames.LABEL_ACTIVE_STATE, state.activeState(),
                MetricNames.LABEL_SUB_STATE, state.subState(),
                MetricNames.LABEL_LOAD_STATE, state.loadState()),
            1));
    state
        .restarts()
        .ifPresent(
            n -> samples.add(Sample.counter(MetricNames.SYSTEMD_UNIT_RESTARTS_TOTAL, unitLabel, n)));
    state
        .activeEnterSeconds()
        .ifPresent(
            t ->
                samples.add(
                    Sample.gauge(
                        MetricNames.SYSTEMD_UNIT_ACTIVE_ENTER_TIMESTAMP_SECONDS, unitLabel, t)));
    return samples;
  }
}
