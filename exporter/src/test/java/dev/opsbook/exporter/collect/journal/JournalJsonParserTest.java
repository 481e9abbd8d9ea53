package dev.opsbook.exporter.collect.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.journal.JournalJsonParser.JournalEntry;
import dev.opsbook.exporter.collect.journal.JournalJsonParser.ParsedEntries;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JournalJsonParserTest {

  @Test
  void parsesRealOutput() {
    ParsedEntries parsed = JournalJsonParser.parse(Resources.bytes("journal/entries.json"));

    assertThat(parsed.invalidLines()).isZero();
    assertThat(parsed.entries()).hasSize(4);
    JournalEntry critical = parsed.entries().get(1);
    assertThat(critical.message()).isEqualTo("CRITICAL bad");
    assertThat(critical.priority()).isEqualTo(2);
    assertThat(critical.cursor()).startsWith("s=").contains(";i=2;");
    assertThat(parsed.entries().get(2).message()).isEqualTo("bin \uFFFD\uFFFD x");
  }

  @Test
  void dropsLineCutByByteCap() {
    byte[] output = Resources.bytes("journal/entries.json");
    byte[] cut = Arrays.copyOf(output, output.length - 20);

    ParsedEntries parsed = JournalJsonParser.parse(cut);

    assertThat(parsed.entries()).hasSize(3);
    assertThat(parsed.invalidLines()).isZero();
  }

  @Test
  void skipsLinesThatAreNotEntries() {
    String output =
        "not json\n{\"MESSAGE\":\"no cursor\"}\n{\"__CURSOR\":\"c1\",\"MESSAGE\":\"ok\"}\n";

    ParsedEntries parsed = JournalJsonParser.parse(output.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.entries()).extracting(JournalEntry::cursor).containsExactly("c1");
    assertThat(parsed.entries().get(0).priority()).isEqualTo(-1);
    assertThat(parsed.invalidLines()).isEqualTo(2);
  }

  @Test
  void joinsRepeatedMessageField() {
    String output = "{\"__CURSOR\":\"c1\",\"MESSAGE\":[\"first\",[104,105]],\"PRIORITY\":\"3\"}\n";

    ParsedEntries parsed = JournalJsonParser.parse(output.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.entries().get(0).message()).isEqualTo("first\nhi");
  }
}
