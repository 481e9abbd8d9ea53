package dev.opsbook.rulegen.promtool;

import static dev.opsbook.rulegen.SpecFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.RealPromtool;
import dev.opsbook.rulegen.SpecFixtures;
import dev.opsbook.spec.Problem;
import dev.opsbook.spec.model.Sli;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.SourceMap;
import dev.opsbook.spec.model.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec's queries, parsed by the real promtool, with errors mapped to spec lines. */
class QueryValidatorTest {

  @TempDir Path temp;

  private static Spec specWith(Sli sli, SourceMap source) {
    Spec base = SpecFixtures.withSlos(
        List.of(new Slo("availability", "Requests.", 99.9, d("30d"), 100, sli, Map.of())));
    return new Spec(base.service(), base.labels(), base.runbookUrl(), base.slos(), base.hosts(),
        base.checks(), base.alerting(), source);
  }

  @Test
  void validSpecHasNoProblems() throws Exception {
    List<Problem> problems =
        QueryValidator.validate(SpecFixtures.sloSpec(), "slo-spec.yaml", RealPromtool.get(), temp);

    assertThat(problems).isEmpty();
  }

  @Test
  void parseErrorPointsAtSpecLine() throws Exception {
    SourceMap source =
        new SourceMap("slo-spec.yaml",
            Map.of("slos[0].sli.events.bad", new SourceMap.Position(17, 14)));
    Spec spec = specWith(
        new Sli.EventRatio("http_requests_total{job=\"api\"", "http_requests_total"), source);

    List<Problem> problems =
        QueryValidator.validate(spec, "slo-spec.yaml", RealPromtool.get(), temp);

    assertThat(problems).hasSize(1);
    Problem problem = problems.get(0);
    assertThat(problem.line()).isEqualTo(17);
    assertThat(problem.column()).isEqualTo(14);
    assertThat(problem.path()).isEqualTo("slos[0].sli.events.bad");
    assertThat(problem.toString())
        .startsWith("slo-spec.yaml:17:14: slos[0].sli.events.bad: invalid PromQL "
            + "\"http_requests_total{job=\"api\"\": ")
        .contains("parse error");
  }

  @Test
  void aggregateWhereCounterExpected() throws Exception {
    Spec spec = specWith(
        new Sli.EventRatio("http_requests_total", "sum(http_requests_total)"), SourceMap.EMPTY);

    List<Problem> problems =
        QueryValidator.validate(spec, "slo-spec.yaml", RealPromtool.get(), temp);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEqualTo("slos[0].sli.events.total");
    assertThat(problems.get(0).line()).isZero();
    assertThat(problems.get(0).message())
        .contains("parses, but the rules use it as a counter selector")
        .contains("ranges only allowed for vector selectors");
  }

  @Test
  void everyBadQueryReported() throws Exception {
    Spec spec = specWith(new Sli.EventRatio("a{", "b)"), SourceMap.EMPTY);

    List<Problem> problems =
        QueryValidator.validate(spec, "slo-spec.yaml", RealPromtool.get(), temp);

    assertThat(problems).extracting(Problem::path)
        .containsExactly("slos[0].sli.events.bad", "slos[0].sli.events.total");
  }

  @Test
  void latencySelectorChecked() throws Exception {
    Spec spec = specWith(
        new Sli.Latency("duration_seconds", "job=~", 0.2, List.of()), SourceMap.EMPTY);

    List<Problem> problems =
        QueryValidator.validate(spec, "slo-spec.yaml", RealPromtool.get(), temp);

    assertThat(problems).extracting(Problem::path)
        .containsExactly("slos[0].sli.latency.selector");
  }
}
