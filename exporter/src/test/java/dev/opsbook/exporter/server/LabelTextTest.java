package dev.opsbook.exporter.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelTextTest {

  @Test
  void validNamesStay() {
    assertThat(LabelText.name("mountpoint")).isEqualTo("mountpoint");
    assertThat(LabelText.name("_private")).isEqualTo("_private");
  }

  @Test
  void invalidNamesAreRepaired() {
    assertThat(LabelText.name("bad-name")).isEqualTo("bad_name");
    assertThat(LabelText.name("9lives")).isEqualTo("_9lives");
    assertThat(LabelText.name("__name__")).isEqualTo("_name__");
    assertThat(LabelText.name("-")).isNull();
    assertThat(LabelText.name("")).isNull();
  }

  @Test
  void valuesKeepValidUnicode() {
    assertThat(LabelText.value("Zürich \uD83D\uDE00")).isEqualTo("Zürich \uD83D\uDE00");
  }

  @Test
  void valuesLoseControlsAndLoneSurrogates() {
    assertThat(LabelText.value("a\u0000b\u001Bc\uDC00")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
  }

  @Test
  void longValuesAreCut() {
    assertThat(LabelText.value("x".repeat(2000))).hasSize(LabelText.MAX_VALUE_LENGTH);
  }
}
