package dev.opsbook.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the production command line with a real spec against the machine the test runs on. */
class LocalOnceTest {

  private static final String SPEC =
      """
      version: 1
      service: local-test
      runbook_url: https://runbooks.example.com/local-test
      checks:
        disk:
          paths: [/]
          warning_percent: 80
          critical_percent: 90
          interval: 30s
        uptime:
          min_uptime: 1h
        capacity:
          cpu_high_percent: 70
          memory_high_percent: 80
          high_for: 7d
          cpu_low_percent: 30
          memory_low_percent: 50
          low_for: 30d
      """;

  @Test
  void onceChecksLocalMachineWithRealCollectors(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("slo-spec.yaml"), SPEC);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = ExporterCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("--spec", spec.toString(), "--once", "--log-level", "error");

    assertThat(exit).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).contains("opsbook_check_success{check=\"filesystem\",host=\"local\"} 1.0");
    assertThat(text).contains("opsbook_check_success{check=\"host\",host=\"local\"} 1.0");
    assertThat(text).containsPattern("opsbook_filesystem_size_bytes\\{[^}]*mountpoint=\"/\"");
    assertThat(text).contains("opsbook_host_boot_timestamp_seconds{host=\"local\"}");
    assertThat(text).contains("# TYPE opsbook_host_cpu_seconds_total counter");
    assertThat(text).contains("opsbook_host_up{host=\"local\"} 1.0");
    assertThat(promtool(text)).isEmpty();
  }

  @Test
  void invalidSpecExitsWithProblemList(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("slo-spec.yaml"), "version: 1\nservice: Bad Name\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = ExporterCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("--spec", spec.toString(), "--once");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(spec + ":2:").contains("service").doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  private static String promtool(String text) throws IOException, InterruptedException {
    Path promtool = Path.of("/usr/bin/promtool");
    assertThat(Files.isExecutable(promtool))
        .as("promtool is missing: apt-get install prometheus")
        .isTrue();
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }
}
