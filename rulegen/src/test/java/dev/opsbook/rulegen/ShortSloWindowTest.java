package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.io.GeneratedOutput;
import dev.opsbook.rulegen.io.OutputWriter;
import dev.opsbook.rulegen.promtool.Promtool;
import dev.opsbook.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event and latency SLOs of slo-spec.yaml with a 7d window, where the scaled factors of the
 * ticket pairs would fall below 1. Their thresholds stay at 1 times the error budget, and the
 * generated promtool tests still pass.
 */
class ShortSloWindowTest {

  private static final Duration PROMTOOL_TIMEOUT = Duration.ofSeconds(240);

  @TempDir static Path temp;

  private static GeneratedOutput output;

  @BeforeAll
  static void generate() throws Exception {
    String spec = Files.readString(GoldenFiles.spec());
    // frame-rate is left out because its gauge test input, at most 60 series per page test, has
    // no bad fraction within 1 % of the 7d page targets, so it gets a note instead of tests.
    String sloOnly = spec.substring(0, spec.indexOf("  - name: frame-rate\n"));
    String weekly =
        sloOnly.replace("    window: 30d\n", "")
            .replaceAll("(?m)^(    objective: .*\n)", "$1    window: 7d\n");
    assertThat(weekly.split("window: 7d", -1)).hasSize(5);
    Path file = Files.writeString(temp.resolve("slo-spec.yaml"), weekly);
    output =
        Generator.generateAll(SpecLoader.load(file), "slo-spec.yaml", RuleOverrides.NONE)
            .files();
  }

  private static String rules(String slo) {
    return output.files().get("rules/slo-" + slo + ".yml");
  }

  @Test
  void pagesKeepScaledFactors() {
    String availability = rules("availability");

    assertThat(availability)
        .contains("slo:sli_error:ratio_rate1h{service=\"spacetime-api\",slo=\"availability\"}"
            + " >= 0.00336")
        .contains("slo:sli_error:ratio_rate6h{service=\"spacetime-api\",slo=\"availability\"}"
            + " >= 0.0014");
  }

  @Test
  void ticketFactorsStayAtOne() {
    String availability = rules("availability");

    assertThat(availability)
        .contains("slo:sli_error:ratio_rate1d{service=\"spacetime-api\",slo=\"availability\"}"
            + " >= 0.001\n")
        .contains("slo:sli_error:ratio_rate3d{service=\"spacetime-api\",slo=\"availability\"}"
            + " >= 0.001\n");
    assertThat(rules("latency-p95"))
        .contains("slo:sli_error:ratio_rate1d{service=\"spacetime-api\",slo=\"latency-p95\"}"
            + " >= 0.05\n")
        .contains("slo:sli_error:ratio_rate3d{service=\"spacetime-api\",slo=\"latency-p95\"}"
            + " >= 0.05\n");
  }

  @Test
  void generatedTestsPassPromtool() throws Exception {
    Path out = temp.resolve("out");
    OutputWriter.write(out, output);
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    List<String> tests =
        output.files().keySet().stream().filter(path -> path.startsWith("tests/")).toList();
    assertThat(tests).as("generated test files").hasSize(8);
    tests.forEach(path -> args.add(out.resolve(path).toString()));
    Promtool promtool = RealPromtool.get().withTimeout(PROMTOOL_TIMEOUT);

    Promtool.Result result = promtool.run(args, temp);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED");
    assertThat(result.output().split("SUCCESS", -1)).as(result.output()).hasSize(9);
  }
}
