package dev.opsbook.rulegen.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromqlTest {

  @Test
  void stringLiteralEscapes() {
    assertThat(Promql.string("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
  }

  @Test
  void equalAnyEscapesRegex() {
    assertThat(Promql.equalAny("unit", List.of("a.service")))
        .isEqualTo("unit=\"a.service\"");
    assertThat(Promql.equalAny("unit", List.of("b.timer", "a.service")))
        .isEqualTo("unit=~\"a\\\\.service|b\\\\.timer\"");
  }

  @Test
  void selectorSortsMatchers() {
    assertThat(Promql.selector("m", Map.of("z", "1", "a", "2"))).isEqualTo("m{a=\"2\",z=\"1\"}");
    assertThat(Promql.selector("m", Map.of())).isEqualTo("m");
    assertThat(Promql.selectorOf("m", "", " job=\"x\" ", null)).isEqualTo("m{job=\"x\"}");
    assertThat(Promql.selectorOf("m")).isEqualTo("m");
  }

  @Test
  void parenthesizesExpressionsOnly() {
    assertThat(Promql.parenthesized("fps{job=\"a\"}")).isEqualTo("fps{job=\"a\"}");
    assertThat(Promql.parenthesized("a or b")).isEqualTo("(a or b)");
  }

  @Test
  void numbersPrintWithoutBinaryNoise() {
    assertThat(Num.format(14.4 * 0.001)).isEqualTo("0.0144");
    assertThat(Num.format(100)).isEqualTo("100");
    assertThat(Num.format(2592000)).isEqualTo("2592000");
    assertThat(Num.format(99.9)).isEqualTo("99.9");
    assertThat(Num.format(0)).isEqualTo("0");
    assertThat(Num.percent(0.001)).isEqualTo("0.1%");
  }

  @Test
  void bucketBoundSpellings() {
    assertThat(BucketBound.spellings(0.2)).containsExactly("0.2");
    assertThat(BucketBound.spellings(1.0)).containsExactly("1", "1.0");
    assertThat(BucketBound.spellings(2.5)).containsExactly("2.5");
    assertThat(BucketBound.spellings(0.00001)).containsExactly("1e-05", "1.0E-5");
    assertThat(BucketBound.spellings(1e7)).containsExactly("1e+07", "1.0E7");
    assertThat(BucketBound.matcher(0.2)).isEqualTo("le=\"0.2\"");
    assertThat(BucketBound.matcher(1.0)).isEqualTo("le=~\"1|1\\\\.0\"");
  }
}
