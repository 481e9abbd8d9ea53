package dev.opsbook.exporter.collect.host;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.host.ProcParser.HostStats;
import dev.opsbook.exporter.collect.host.ProcParser.ProcFormatException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Boot time and id, CPU seconds per mode and memory of a host, from {@code /proc}. */
public final class HostStatsCheck implements HostCheck {

  private static final String COMMAND = ProcCommand.build();

  private final Duration interval;

  public HostStatsCheck(Duration interval) {
    this.interval = interval;
  }

  @Override
  public String name() {
    return MetricNames.CHECK_HOST;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    CommandResult result =
        CheckCommands.runSuccessful(runner, name(), COMMAND, CheckCommands.timeoutFor(interval));
    String output =
        CheckCommands.decodeUtf8(result.stdout(), runner.hostName(), name(), "/proc output");
    try {
      return samplesOf(ProcParser.parse(output));
    } catch (ProcFormatException e) {
      throw new CheckFailure(
          Reasons.PARSE_ERROR, "check host on host " + runner.hostName() + ": " + e.getMessage(), e);
    }
  }

  static List<Sample> samplesOf(HostStats stats) {
    List<Sample> samples = new ArrayList<>();
    samples.add(
        Sample.gauge(MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, Map.of(), stats.bootTimestampSeconds()));
    samples.add(
        Sample.gauge(MetricNames.HOST_BOOT_INFO, Map.of(MetricNames.LABEL_BOOT_ID, stats.bootId()), 1));
    for (String mode : ProcParser.CPU_MODES) {
      samples.add(
          Sample.counter(
              MetricNames.HOST_CPU_SECONDS_TOTAL,
              Map.of(MetricNames.LABEL_MODE, mode),
              stats.cpuSeconds().get(mode)));
    }
    samples.add(Sample.gauge(MetricNames.HOST_MEMORY_TOTAL_BYTES, Map.of(), stats.memoryTotalBytes()));
    samples.add(
        Sample.gauge(MetricNames.HOST_MEMORY_AVAILABLE_BYTES, Map.of(), stats.memoryAvailableBytes()));
    return samples;
  }
}
