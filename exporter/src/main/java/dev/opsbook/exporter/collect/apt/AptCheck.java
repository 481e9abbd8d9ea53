package dev.opsbook.exporter.collect.apt;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.apt.AptOutputParser.AptCounts;
import dev.opsbook.exporter.collect.apt.AptOutputParser.AptFormatException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Pending, security, held and phased package upgrades from an apt simulation. The counts
 * reflect the host's package lists as of its last {@code apt-get update}; the check never
 * updates them, because that would write to the host.
 */
public final class AptCheck implements HostCheck {

  /** apt-get resolves the whole dependency graph, which takes several seconds on small hosts. */
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static final String COMMAND = AptCommand.build();

  private final Duration interval;

  public AptCheck(Duration interval) {
    this.interval = interval;
  }

  @Override
  public String name() {
    return MetricNames.CHECK_APT;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    Duration timeout = interval.compareTo(TIMEOUT) < 0 ? interval : TIMEOUT;
    CommandResult result = CheckCommands.run(runner, name(), COMMAND, timeout);
    AptCounts counts;
    try {
      counts = AptOutputParser.parse(result.stdoutText());
    } catch (AptFormatException e) {
      throw new CheckFailure(
          Reasons.EXIT_STATUS,
          "check apt on host " + runner.hostName() + ": " + e.getMessage() + ": "
              + CheckCommands.excerpt(result.stderrText()),
          e);
    }
    return List.of(
        Sample.gauge(MetricNames.APT_UPGRADES_PENDING, Map.of(), counts.pending()),
        Sample.gauge(MetricNames.APT_SECURITY_UPGRADES_PENDING, Map.of(), counts.security()),
        Sample.gauge(MetricNames.APT_HELD_PACKAGES, Map.of(), counts.held()),
        Sample.gauge(MetricNames.APT_PHASED_UPGRADES_DEFERRED, Map.of(), counts.phased()));
  }
}
