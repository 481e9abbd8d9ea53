package dev.opsbook.exporter.collect.filesystem;

import dev.opsbook.exporter.collect.CheckCommands;
import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.ItemFailures;
import dev.opsbook.exporter.collect.ItemFailures.ItemFailure;
import dev.opsbook.exporter.collect.Reasons;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.filesystem.DfParser.DfFormatException;
import dev.opsbook.exporter.collect.filesystem.DfParser.DfRow;
import dev.opsbook.exporter.collect.filesystem.DfParser.PathResult;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.spec.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Size, used and available bytes of the filesystem of each spec path, from {@code df}. */
public final class FilesystemCheck implements HostCheck {

  private static final Logger LOG = LoggerFactory.getLogger(FilesystemCheck.class);

  private final List<String> paths;
  private final Duration interval;
  private final String command;
  private final ItemFailures itemFailures;

  /**
   * @throws IllegalArgumentException when a path contains a NUL byte
   */
  public FilesystemCheck(List<String> paths, Duration interval) {
    this.paths = List.copyOf(paths);
    this.interval = interval;
    this.command = DfCommand.build(this.paths);
    this.itemFailures = new ItemFailures(LOG, name(), MetricNames.LABEL_PATH);
  }

  @Override
  public String name() {
    return MetricNames.CHECK_FILESYSTEM;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<Sample> collect(CommandRunner runner) throws CheckFailure {
    CommandResult result =
        CheckCommands.run(runner, name(), command, CheckCommands.timeoutFor(interval));
    String output = CheckCommands.decodeUtf8(result.stdout(), runner.hostName(), name(), "df output");
    List<PathResult> results;
    try {
      results = DfParser.parse(output, paths.size());
    } catch (DfFormatException e) {
      throw new CheckFailure(
          Reasons.PARSE_ERROR,
          "check filesystem on host " + runner.hostName() + ": " + e.getMessage()
              + " (stderr: " + CheckCommands.excerpt(result.stderrText()) + ")",
          e);
    }
    List<Sample> samples = new ArrayList<>();
    List<ItemFailure> failures = new ArrayList<>();
    for (PathResult pathResult : results) {
      String path = paths.get(pathResult.index());
      if (pathResult.row() == null) {
        failures.add(
            new ItemFailure(
                path,
                CheckCommands.reasonOfPathError(pathResult.errorText()),
                "check filesystem on host " + runner.hostName() + ": df failed for path " + path
                    + " with status " + pathResult.exitStatus() + ": "
                    + CheckCommands.excerpt(pathResult.errorText())));
      } else {
        samples.addAll(samplesOf(path, pathResult.row()));
      }
    }
    return itemFailures.combine(paths, samples, failures);
  }

  static List<Sample> samplesOf(String path, DfRow row) {
    Map<String, String> labels =
        Map.of(
            MetricNames.LABEL_DEVICE, row.device(),
            MetricNames.LABEL_MOUNTPOINT, row.mountpoint(),
            MetricNames.LABEL_FSTYPE, row.fstype(),
            MetricNames.LABEL_PATH, path);
    return List.of(
        Sample.gauge(MetricNames.FILESYSTEM_SIZE_BYTES, labels, row.sizeBytes()),
        Sample.gauge(MetricNames.FILESYSTEM_USED_BYTES, labels, row.usedBytes()),
        Sample.gauge(MetricNames.FILESYSTEM_AVAIL_BYTES, labels, row.availBytes()));
  }
}
