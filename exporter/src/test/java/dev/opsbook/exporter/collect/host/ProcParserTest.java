package dev.opsbook.exporter.collect.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.host.ProcParser.HostStats;
import dev.opsbook.exporter.collect.host.ProcParser.ProcFormatException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ProcParserTest {

  @Test
  void parsesRealProcFiles() throws Exception {
    HostStats stats = ProcParser.parse(Resources.text("host/proc.txt"));

    assertThat(stats.bootTimestampSeconds()).isEqualTo(1796353890L);
    assertThat(stats.bootId()).isEqualTo("91462ecb-ff22-45c3-bae2-e3d27b9ce396");
    assertThat(stats.memoryTotalBytes()).isEqualTo(24683664L * 1024);
    assertThat(stats.memoryAvailableBytes()).isEqualTo(24312440L * 1024);
    assertThat(stats.cpuSeconds().get("user")).isCloseTo(97.11, Offset.offset(1e-9));
    assertThat(stats.cpuSeconds().get("system")).isCloseTo(29.09, Offset.offset(1e-9));
    assertThat(stats.cpuSeconds().get("idle")).isCloseTo(1095.26, Offset.offset(1e-9));
    assertThat(stats.cpuSeconds().get("steal")).isCloseTo(0.47, Offset.offset(1e-9));
    assertThat(stats.cpuSeconds()).hasSize(8);
  }

  @Test
  void usesClockTickRate() throws Exception {
    String output = Resources.text("host/proc.txt").replaceFirst("clk_tck\n100", "clk_tck\n1000");

    HostStats stats = ProcParser.parse(output);

    assertThat(stats.cpuSeconds().get("user")).isCloseTo(9.711, Offset.offset(1e-9));
  }

  @Test
  void rejectsMissingMemAvailable() {
    String output = Resources.text("host/proc.txt").replaceFirst("MemAvailable:", "MemAvail:");

    assertThatThrownBy(() -> ProcParser.parse(output))
        .isInstanceOf(ProcFormatException.class)
        .hasMessageContaining("no MemAvailable line");
  }

  @Test
  void rejectsMissingBtime() {
    String output = Resources.text("host/proc.txt").replaceFirst("btime ", "boottime ");

    assertThatThrownBy(() -> ProcParser.parse(output))
        .isInstanceOf(ProcFormatException.class)
        .hasMessageContaining("no btime line");
  }

  @Test
  void rejectsTruncatedOutput() {
    String output = Resources.text("host/proc.txt");
    String truncated = output.substring(0, output.indexOf("==opsbook-proc== boot_id"));

    assertThatThrownBy(() -> ProcParser.parse(truncated))
        .isInstanceOf(ProcFormatException.class)
        .hasMessageContaining("clk_tck");
  }

  @Test
  void rejectsInvalidBootId() {
    String output =
        Resources.text("host/proc.txt")
            .replace("91462ecb-ff22-45c3-bae2-e3d27b9ce396", "not-a-uuid");

    assertThatThrownBy(() -> ProcParser.parse(output))
        .isInstanceOf(ProcFormatException.class)
        .hasMessageContaining("\"not-a-uuid\" is not a UUID");
  }
}
