package dev.opsbook.exporter.collect.apt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.apt.AptOutputParser.AptCounts;
import dev.opsbook.exporter.collect.apt.AptOutputParser.AptFormatException;
import org.junit.jupiter.api.Test;

class AptOutputParserTest {

  @Test
  void parsesRealDebianSimulation() throws Exception {
    AptCounts counts = AptOutputParser.parse(Resources.text("apt/apt-debian12.txt"));

    assertThat(counts.pending()).isEqualTo(135);
    assertThat(counts.security()).isEqualTo(93);
    assertThat(counts.held()).isZero();
    assertThat(counts.phased()).isZero();
  }

  @Test
  void parsesPhasedAndHeld() throws Exception {
    AptCounts counts = AptOutputParser.parse(Resources.text("apt/apt-phased-held.txt"));

    assertThat(counts.pending()).isEqualTo(2);
    assertThat(counts.security()).isEqualTo(1);
    assertThat(counts.held()).isEqualTo(1);
    assertThat(counts.phased()).isEqualTo(4);
  }

  @Test
  void rejectsFailedSimulation() {
    String output = "E: Unable to locate package lists\n\n==opsbook-apt-get== 100\n\n==opsbook-apt-mark== 0\n";

    assertThatThrownBy(() -> AptOutputParser.parse(output))
        .isInstanceOf(AptFormatException.class)
        .hasMessageContaining("apt-get -s dist-upgrade exited with status 100");
  }

  @Test
  void rejectsMissingMarker() {
    assertThatThrownBy(() -> AptOutputParser.parse("Reading package lists...\n"))
        .isInstanceOf(AptFormatException.class)
        .hasMessageContaining("incomplete");
  }
}
