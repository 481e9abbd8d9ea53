package dev.opsbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.spec.model.PromDuration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Levenshtein suggestions, PromQL shape checks and durations. */
class SmallPartsTest {

  @Test
  void levenshteinDistance() {
    assertThat(Suggestions.levenshtein("objectve", "objective")).isEqualTo(1);
    assertThat(Suggestions.levenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.levenshtein("", "abc")).isEqualTo(3);
    assertThat(Suggestions.levenshtein("same", "same")).isZero();
  }

  @Test
  void nearestKey() {
    List<String> keys = List.of("objective", "window", "min_events");
    assertThat(Suggestions.nearest("windw", keys)).contains("window");
    assertThat(Suggestions.nearest("min_event", keys)).contains("min_events");
    assertThat(Suggestions.nearest("owner", keys)).isEmpty();
  }

  @Test
  void promQlShape() {
    assertThat(PromQlShape.check("query", "sum(rate(x{a=\"}\"}[5m]))")).isEmpty();
    assertThat(PromQlShape.check("query", "x{a=`raw\\`}")).isEmpty();
    assertThat(PromQlShape.check("query", "x{a=\"\\\"\"}")).isEmpty();
    assertThat(PromQlShape.check("query", "sum(x]")).contains(
        "invalid query \"sum(x]\": unexpected ] at character 6");
    assertThat(PromQlShape.check("query", "x)")).contains(
        "invalid query \"x)\": unexpected ) at character 2");
    assertThat(PromQlShape.check("query", " ")).isPresent();
  }

  @Test
  void labelNamesOfMatchers() {
    assertThat(PromQlShape.labelNames("job=\"a\",le=\"5\"")).containsExactly("job", "le");
    assertThat(PromQlShape.labelNames(" job = \"a\" , le=~\"0.5\" "))
        .containsExactly("job", "le");
    assertThat(PromQlShape.labelNames("handler=\"le,le=1\"")).containsExactly("handler");
    assertThat(PromQlShape.labelNames("handler!~`le`,sale=\"1\""))
        .containsExactly("handler", "sale");
    assertThat(PromQlShape.labelNames("le_bound=\"1\"")).containsExactly("le_bound");
  }

  @Test
  void durationOverflowIsInvalid() {
    assertThatThrownBy(() -> PromDuration.parse("99999999999999999y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> PromDuration.parse("999999999999999999999s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void durationPrintsDays() {
    assertThat(PromDuration.parse("1w").toString()).isEqualTo("7d");
    assertThat(PromDuration.parse("1h30m").toString()).isEqualTo("1h30m");
  }
}
