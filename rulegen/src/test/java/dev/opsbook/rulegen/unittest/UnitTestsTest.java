package dev.opsbook.rulegen.unittest;

import static dev.opsbook.rulegen.SpecFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.rulegen.Generator;
import dev.opsbook.rulegen.SpecFixtures;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Sli;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.Spec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which SLOs and alerts get promtool tests, and the notes for those that get none. */
class UnitTestsTest {

  private static Spec specWith(Slo slo) {
    return SpecFixtures.withSlos(List.of(slo));
  }

  @Test
  void capacityPeriodBeyondTestFiles() {
    Checks checks = SpecFixtures.checks();
    Checks.Capacity capacity = new Checks.Capacity(70, 80, d("7d"), 30, 50, d("1000y"), d("30s"));
    Spec spec = SpecFixtures.withChecks(new Checks(checks.serviceUnits(), checks.statusEndpoint(),
        checks.disk(), checks.certificates(), checks.backups(), checks.journal(), checks.uptime(),
        checks.updates(), capacity, checks.exporterHealth()));

    UnitTests.Result result = UnitTests.build(spec, Generator.ruleFiles(spec));

    assertThat(result.notes()).anyMatch(note -> note.startsWith(
        "no promtool case for alert HostCpuLowSustained: it would fire after"));
    assertThat(result.notes()).anyMatch(note -> note.startsWith(
        "no promtool case for alert HostMemoryLowSustained: it would fire after"));
    assertThat(result.files())
        .extracting(UnitTestFile::path)
        .contains("tests/operations-test.yml", "tests/operations-long-test.yml");
  }

  @Test
  void minEventsAboveTestTraffic() {
    Slo slo = new Slo("availability", "Requests served.", 99.9, d("30d"), 1_000_000_000_000L,
        new Sli.EventRatio("http_requests_total{status=\"500\"}", "http_requests_total"),
        Map.of());
    Spec spec = specWith(slo);

    UnitTests.Result result = UnitTests.build(spec, Generator.ruleFiles(spec));

    assertThat(result.files())
        .extracting(UnitTestFile::path)
        .noneMatch(path -> path.startsWith("tests/slo-"));
    assertThat(result.notes())
        .contains("no promtool tests for SLO availability: the test input holds too few events"
            + " in the 1h window to pass min_events 1000000000000, so no burn-rate alert could"
            + " fire");
  }

  @Test
  void gaugeMinEventsAboveTestTraffic() {
    Slo slo = new Slo("frame-rate", "Frames.", 99, d("30d"), 1_000_000_000L,
        new Sli.GaugeThreshold("fps{job=\"a\"}", Sli.Comparison.GREATER_OR_EQUAL, 90),
        Map.of());
    Spec spec = specWith(slo);

    UnitTests.Result result = UnitTests.build(spec, Generator.ruleFiles(spec));

    assertThat(result.notes()).anyMatch(note -> note.startsWith(
        "no promtool tests for SLO frame-rate: the test input holds too few events"));
  }

  @Test
  void gaugeSevenDayWindowOutOfReach() {
    // At 7d, the silent 1h/5m case needs a bad fraction just below 0.03024, such as 3 of 100
    // series, more than the 60 a page test may use.
    Slo slo = new Slo("frame-rate", "Frames.", 99, d("7d"), 0,
        new Sli.GaugeThreshold("fps{job=\"a\"}", Sli.Comparison.GREATER_OR_EQUAL, 90),
        Map.of());
    Spec spec = specWith(slo);

    UnitTests.Result result = UnitTests.build(spec, Generator.ruleFiles(spec));

    assertThat(result.files())
        .extracting(UnitTestFile::path)
        .noneMatch(path -> path.startsWith("tests/slo-"));
    assertThat(result.notes())
        .contains("no promtool tests for SLO frame-rate: the bad-sample ratio near the 1h/5m"
            + " threshold 0.0336 needs more than 60 gauge series");
  }

  @Test
  void minEventsEqualToTestTraffic() {
    // 100000 events per minute fill the 1h window with exactly 6000000.
    Slo slo = new Slo("availability", "Requests served.", 99.9, d("30d"), 6_000_000,
        new Sli.EventRatio("http_requests_total{status=\"500\"}", "http_requests_total"),
        Map.of());
    Spec spec = specWith(slo);

    UnitTests.Result result = UnitTests.build(spec, Generator.ruleFiles(spec));

    assertThat(result.notes()).anyMatch(note -> note.startsWith(
        "no promtool tests for SLO availability: the test input holds too few events in the 1h"
            + " window to pass min_events 6000000"));
  }

  @Test
  void minEventsWithinTestTraffic() {
    Slo slo = new Slo("availability", "Requests served.", 99.9, d("30d"), 1_000_000,
        new Sli.EventRatio("http_requests_total{status=\"500\"}", "http_requests_total"),
        Map.of());
    Spec spec = specWith(slo);

    UnitTests.Result result = UnitTests.build(spec, Generator.ruleFiles(spec));

    assertThat(result.files())
        .extracting(UnitTestFile::path)
        .contains("tests/slo-availability-page-test.yml", "tests/slo-availability-ticket-test.yml");
    assertThat(result.notes()).noneMatch(note -> note.contains("availability"));
  }
}
