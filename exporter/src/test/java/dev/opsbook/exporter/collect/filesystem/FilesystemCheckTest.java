package dev.opsbook.exporter.collect.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.runner.CommandException;
import dev.opsbook.exporter.runner.CommandResult;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.exporter.runner.ShellQuote;
import dev.opsbook.spec.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemCheckTest {

  @TempDir Path temp;

  private final LocalRunner local = new LocalRunner("local", 1 << 20);

  @Test
  void reportsExistingPathsAndFailsMissingOne() throws Exception {
    Path data = Files.createDirectory(temp.resolve("data"));
    String missing = temp.resolve("missing").toString();
    FilesystemCheck check =
        new FilesystemCheck(List.of(data.toString(), missing), Duration.ofSeconds(60));

    List<Sample> samples = check.collect(local);

    Map<String, String> labels = Map.of(MetricNames.LABEL_PATH, data.toString());
    double size = Samples.value(samples, MetricNames.FILESYSTEM_SIZE_BYTES, labels);
    double avail = Samples.value(samples, MetricNames.FILESYSTEM_AVAIL_BYTES, labels);
    double used = Samples.value(samples, MetricNames.FILESYSTEM_USED_BYTES, labels);
    assertThat(size).isPositive();
    assertThat(avail).isBetween(0.0, size);
    assertThat(used).isBetween(0.0, size);
    Sample failure =
        Samples.find(samples, MetricNames.CHECK_FAILURE_INFO, Map.of()).get(0);
    assertThat(failure.labels())
        .containsEntry(MetricNames.LABEL_PATH, missing)
        .containsEntry(MetricNames.LABEL_REASON, "not_found")
        .containsEntry(MetricNames.LABEL_CHECK, "filesystem");
  }

  @Test
  void failsWhenEveryPathIsMissing() {
    String missing = temp.resolve("missing dir").toString();
    FilesystemCheck check = new FilesystemCheck(List.of(missing), Duration.ofSeconds(60));

    assertThatThrownBy(() -> check.collect(local))
        .isInstanceOf(CheckFailure.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("local")
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("not_found");
  }

  @Test
  void reportsMountPointWithSpace() throws Exception {
    Path mountpoint = Files.createDirectory(temp.resolve("scene data"));
    FilesystemCheck check =
        new FilesystemCheck(List.of(mountpoint.toString()), Duration.ofSeconds(60));

    List<Sample> samples = check.collect(new TmpfsRunner(local, mountpoint));

    Sample size = Samples.find(samples, MetricNames.FILESYSTEM_SIZE_BYTES, Map.of()).get(0);
    assertThat(size.labels())
        .containsEntry(MetricNames.LABEL_MOUNTPOINT, mountpoint.toString())
        .containsEntry(MetricNames.LABEL_FSTYPE, "tmpfs")
        .containsEntry(MetricNames.LABEL_DEVICE, "opsbook-test");
  }

  @Test
  void quotesPathWithShellSyntax() throws Exception {
    Path marker = temp.resolve("pwned");
    String path = temp + "/x; touch " + marker;
    FilesystemCheck check = new FilesystemCheck(List.of(path), Duration.ofSeconds(60));

    assertThatThrownBy(() -> check.collect(local)).isInstanceOf(CheckFailure.class);
    assertThat(marker).doesNotExist();
  }

  /**
   * Runs each command in a private mount namespace with a tmpfs mounted on one directory, so a
   * real df sees a mount point with a space in it. Needs root, as the exporter's CI has.
   */
  private record TmpfsRunner(LocalRunner delegate, Path mountpoint) implements CommandRunner {
    @Override
    public String hostName() {
      return delegate.hostName();
    }

    @Override
    public CommandResult run(String command, Duration timeout) throws CommandException {
      String inner =
          "mount -t tmpfs opsbook-test " + ShellQuote.quote(mountpoint.toString()) + " && "
              + command;
      CommandResult result = delegate.run("unshare -m sh -c " + ShellQuote.quote(inner), timeout);
      if (result.stderrText().contains("unshare: ") || result.stderrText().contains("mount: ")) {
        throw new AssertionError(
            "unshare -m failed; this test needs root and util-linux: " + result.stderrText());
      }
      return result;
    }

    @Override
    public void close() {}
  }
}
