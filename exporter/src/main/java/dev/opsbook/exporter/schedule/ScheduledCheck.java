package dev.opsbook.exporter.schedule;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import java.time.Duration;
import java.util.List;

/**
 * A check in the scheduler: its key, its interval and the call that collects it.
 *
 * @param key the check's identity and labels
 * @param interval time between the starts of two runs
 * @param collector runs the check once
 * @param reportsHostUp whether the outcome says something about the host's reachability, true
 *     for host checks and false for endpoint checks run from the exporter
 */
public record ScheduledCheck(
    CheckKey key, Duration interval, Collector collector, boolean reportsHostUp) {

  /** Runs a check once. */
  @FunctionalInterface
  public interface Collector {
    List<Sample> collect() throws CheckFailure;
  }

  public ScheduledCheck {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval of check " + key + " must be positive");
    }
  }

  /** Returns the check run on its host through the runner. */
  public static ScheduledCheck ofHost(HostCheck check, CommandRunner runner) {
    return new ScheduledCheck(
        CheckKey.ofHost(runner.hostName(), check.name()),
        check.interval(),
        () -> check.collect(runner),
        true);
  }

  /** Returns the endpoint check, whose samples carry the host label {@code exporter}. */
  public static ScheduledCheck ofEndpoint(EndpointCheck check) {
    return new ScheduledCheck(
        new CheckKey(MetricNames.HOST_EXPORTER, check.name(), check.endpoint()),
        check.interval(),
        check::collect,
        false);
  }
}
