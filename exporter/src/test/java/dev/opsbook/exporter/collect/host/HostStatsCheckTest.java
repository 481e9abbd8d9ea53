package dev.opsbook.exporter.collect.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.spec.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostStatsCheckTest {

  private final LocalRunner local = new LocalRunner("local", 1 << 20);

  @Test
  void readsThisMachine() throws Exception {
    HostStatsCheck check = new HostStatsCheck(Duration.ofSeconds(30));

    List<Sample> first = check.collect(local);
    List<Sample> second = check.collect(local);

    String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
    Map<String, String> bootLabels = Map.of(MetricNames.LABEL_BOOT_ID, bootId);
    assertThat(Samples.value(first, MetricNames.HOST_BOOT_INFO, bootLabels)).isEqualTo(1.0);
    double boot = Samples.value(first, MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, Map.of());
    assertThat(boot).isEqualTo(btimeOfProcStat());
    assertThat(Samples.value(second, MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, Map.of()))
        .isEqualTo(boot);
    double total = Samples.value(first, MetricNames.HOST_MEMORY_TOTAL_BYTES, Map.of());
    double available = Samples.value(first, MetricNames.HOST_MEMORY_AVAILABLE_BYTES, Map.of());
    assertThat(total).isPositive();
    assertThat(available).isBetween(0.0, total);
    for (String mode : ProcParser.CPU_MODES) {
      Map<String, String> labels = Map.of(MetricNames.LABEL_MODE, mode);
      double before = Samples.value(first, MetricNames.HOST_CPU_SECONDS_TOTAL, labels);
      double after = Samples.value(second, MetricNames.HOST_CPU_SECONDS_TOTAL, labels);
      assertThat(after).as(mode).isGreaterThanOrEqualTo(before);
    }
    Sample cpu = Samples.find(first, MetricNames.HOST_CPU_SECONDS_TOTAL, Map.of()).get(0);
    assertThat(cpu.type()).isEqualTo(Sample.Type.COUNTER);
  }

  private static double btimeOfProcStat() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
      if (line.startsWith("btime ")) {
        return Double.parseDouble(line.substring(6).strip());
      }
    }
    throw new AssertionError("/proc/stat has no btime line");
  }
}
