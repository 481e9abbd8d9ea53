package dev.opsbook.rulegen.unittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTemplatesTest {

  private static final String EXPIRY =
      "{{ $labels.path }} {{ if lt $value 0.0 }}has expired{{ else }}expires in"
          + " {{ $value | humanizeDuration }}{{ end }}.";

  @Test
  void ifLessThanTakesElseBranch() {
    String text = AlertTemplates.expand(EXPIRY, Map.of("path", "/a.crt"), 90061);

    assertThat(text).isEqualTo("/a.crt expires in 1d 1h 1m 1s.");
  }

  @Test
  void ifLessThanTakesThenBranch() {
    String text = AlertTemplates.expand(EXPIRY, Map.of("path", "/a.crt"), -2);

    assertThat(text).isEqualTo("/a.crt has expired.");
  }

  @Test
  void printfRoundsToWholeNumber() {
    String template = "about {{ $value | printf \"%.0f\" }} lines";

    assertThat(AlertTemplates.expand(template, Map.of(), 2.279)).isEqualTo("about 2 lines");
    assertThat(AlertTemplates.expand(template, Map.of(), 109.6)).isEqualTo("about 110 lines");
    assertThat(AlertTemplates.expand(template, Map.of(), 2.5)).isEqualTo("about 2 lines");
  }

  @Test
  void unknownActionIsRejected() {
    assertThatThrownBy(() -> AlertTemplates.expand("{{ $value | title }}", Map.of(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported template action");
  }
}
