package dev.opsbook.rulegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.RealPromtool;
import dev.opsbook.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * generate and check reject a spec whose PromQL promtool cannot parse, at the spec line of the
 * query, and write nothing.
 */
class QueryCheckCliTest {

  private static final String BAD_LINE =
      "bad: http_requests_total{job=\"spacetime-api\",status=~\"5..\"}";
  private static final String SELECTOR_LINE =
      "selector: job=\"spacetime-api\"\n        threshold: 0.2";

  @TempDir Path temp;

  @BeforeAll
  static void promtoolInstalled() {
    RealPromtool.get();
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    return Files.isRegularFile(dir.resolve("slo-spec.yaml")) ? dir : dir.getParent();
  }

  /** Writes the repository's spec with {@code from} replaced by {@code to}. */
  private Path specWith(String from, String to) throws Exception {
    String spec = Files.readString(root().resolve("slo-spec.yaml"));
    assertThat(spec).contains(from);
    return Files.writeString(temp.resolve("slo-spec.yaml"), spec.replace(from, to));
  }

  private Path brokenSpec(String field) throws Exception {
    return switch (field) {
      case "words" -> specWith(BAD_LINE, "bad: foo bar baz");
      case "offset" -> specWith(BAD_LINE, "bad: x offset 5m");
      case "comment" -> specWith(BAD_LINE, "bad: \"http_requests_total # 5xx only\"");
      case "selector" -> specWith(SELECTOR_LINE,
          "selector: job=\"a\"} or vector(1) or foo{x=\"y\"\n        threshold: 0.2");
      default -> throw new IllegalArgumentException(field);
    };
  }

  @ParameterizedTest
  @CsvSource({
    "words, 17:14: slos[0].sli.events.bad: invalid PromQL \"foo bar baz\"",
    "offset, 17:14: slos[0].sli.events.bad: \"x offset 5m\" parses, but",
    "comment, 17:14: slos[0].sli.events.bad: \"http_requests_total # 5xx only\" parses, but",
    "selector, 27:19: slos[1].sli.latency.selector: \"http_request_duration_seconds_count{",
  })
  void generateRejectsUnparsableQuery(String field, String problem) throws Exception {
    Path spec = brokenSpec(field);
    Path out = temp.resolve("generated");

    CliRun run =
        CliRun.of(SpecLoader::load, "generate", spec.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).startsWith(spec + ":" + problem);
    assertThat(run.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({
    "words, 17:14: slos[0].sli.events.bad: invalid PromQL \"foo bar baz\"",
    "selector, 27:19: slos[1].sli.latency.selector: \"http_request_duration_seconds_count{",
  })
  void checkRejectsUnparsableQuery(String field, String problem) throws Exception {
    Path spec = brokenSpec(field);
    Path out = temp.resolve("generated");
    Files.createDirectories(out);

    CliRun run = CliRun.of(SpecLoader::load, "check", spec.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).startsWith(spec + ":" + problem);
    assertThat(run.out()).isEmpty();
    assertThat(out).isEmptyDirectory();
  }

  @ParameterizedTest
  @CsvSource({"words", "selector"})
  void generateKeepsPreviousOutput(String field) throws Exception {
    Path out = temp.resolve("generated");
    Path valid = Files.writeString(temp.resolve("valid-spec.yaml"),
        Files.readString(root().resolve("slo-spec.yaml")));
    CliRun first =
        CliRun.of(SpecLoader::load, "generate", valid.toString(), "--out", out.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    Path rules = out.resolve("rules/slo-availability.yml");
    String before = Files.readString(rules);

    CliRun run = CliRun.of(SpecLoader::load, "generate", brokenSpec(field).toString(), "--out",
        out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INVALID);
    assertThat(Files.readString(rules)).isEqualTo(before);
    try (var entries = Files.list(out)) {
      assertThat(entries.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("rules", "tests", "alertmanager.yml");
    }
  }
}
