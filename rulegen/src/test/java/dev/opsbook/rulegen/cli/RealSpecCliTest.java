package dev.opsbook.rulegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.RealPromtool;
import dev.opsbook.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with the real spec loader on the repository's slo-spec.yaml. */
class RealSpecCliTest {

  @TempDir Path temp;

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    return Files.isRegularFile(dir.resolve("slo-spec.yaml")) ? dir : dir.getParent();
  }

  @Test
  void committedOutputIsCurrent() {
    CliRun run =
        CliRun.of(SpecLoader::load, "check", root().resolve("slo-spec.yaml").toString(),
            "--out", root().resolve("generated").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  @Test
  void validateMapsPromtoolErrorToSpecLine() throws Exception {
    RealPromtool.get();
    String spec = Files.readString(root().resolve("slo-spec.yaml"));
    String broken =
        spec.replace(
            "bad: http_requests_total{job=\"spacetime-api\",status=~\"5..\"}",
            "bad: 'http_requests_total{job=~\"(\"}'");
    assertThat(broken).isNotEqualTo(spec);
    Path file = Files.writeString(temp.resolve("slo-spec.yaml"), broken);

    CliRun run = CliRun.of(SpecLoader::load, "validate", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err())
        .startsWith(file + ":17:14: slos[0].sli.events.bad: invalid PromQL ")
        .contains("error parsing regexp");
  }

  @Test
  void specWithoutSlosOrChecksWritesNothing() throws Exception {
    Path file =
        Files.writeString(
            temp.resolve("empty-spec.yaml"),
            "version: 1\nservice: shop\nrunbook_url: https://runbooks.example.com/shop\n"
                + "slos: []\nchecks:\n  exporter:\n    max_check_failure_for: 15m\n");
    Path out = temp.resolve("generated");

    CliRun run = CliRun.of(SpecLoader::load, "generate", file.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err())
        .isEqualTo(
            file + ": the spec yields no rules: add an SLO under slos or a check under checks\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void specWithoutChecksWritesNoOperationsRules() throws Exception {
    String spec = Files.readString(root().resolve("slo-spec.yaml"));
    String sloOnly = spec.substring(0, spec.indexOf("\nhosts:") + 1);
    Path file = Files.writeString(temp.resolve("slo-spec.yaml"), sloOnly);
    Path out = temp.resolve("generated");

    CliRun run = CliRun.of(SpecLoader::load, "generate", file.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("rules/slo-availability.yml")).isRegularFile();
    assertThat(out.resolve("rules/operations.yml")).doesNotExist();
    assertThat(out.resolve("tests/operations-test.yml")).doesNotExist();
  }
}
