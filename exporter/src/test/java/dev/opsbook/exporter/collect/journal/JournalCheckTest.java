package dev.opsbook.exporter.collect.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.spec.MetricNames;
import dev.opsbook.spec.model.Checks.Journal;
import dev.opsbook.spec.model.PromDuration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCheckTest {

  private static final String UNIT = "godot-spacetime.service";

  @TempDir Path temp;

  private final LocalRunner local = new LocalRunner("local", 4 << 20);

  @Test
  void countsOnlyLinesAfterStart() throws Exception {
    Path journal = temp.resolve("x.journal");
    new JournalExport()
        .add(UNIT, 3, "old error before the exporter started")
        .add(UNIT, 2, "CRITICAL old")
        .writeTo(journal);
    JournalCheck check = new JournalCheck(spec(List.of(UNIT), null, journal.toString()));

    List<Sample> first = check.collect(local);

    assertThat(errors(first)).isZero();
    assertThat(pattern(first, "critical")).isZero();
    assertThat(pattern(first, "auth_failure")).isZero();
    assertThat(pattern(first, "dap_timeout")).isZero();

    new JournalExport()
        .add(UNIT, 3, "Connection timeout to DAP server")
        .add(UNIT, 2, "FATAL: scene graph corrupt")
        .add(UNIT, 6, "Authentication FAILED for user bob")
        .add(UNIT, 4, "segfault at 0 ip 0 sp 0 and OOM too")
        .add("other.service", 0, "CRITICAL in another unit")
        .writeTo(journal);
    List<Sample> second = check.collect(local);

    assertThat(errors(second)).isEqualTo(2);
    assertThat(pattern(second, "critical")).isEqualTo(2);
    assertThat(pattern(second, "auth_failure")).isEqualTo(1);
    assertThat(pattern(second, "dap_timeout")).isEqualTo(1);
    assertThat(pattern(second, "scene_load_failed")).isZero();

    List<Sample> third = check.collect(local);

    assertThat(errors(third)).isEqualTo(2);
    assertThat(pattern(third, "critical")).isEqualTo(2);
  }

  @Test
  void matchesMessageWithInvalidUtf8() throws Exception {
    Path journal = temp.resolve("x.journal");
    new JournalExport().add(UNIT, 6, "start").writeTo(journal);
    JournalCheck check = new JournalCheck(spec(List.of(), null, journal.toString()));
    check.collect(local);
    byte[] message = "Scene load failed: \u00ff\u00fe name".getBytes(StandardCharsets.ISO_8859_1);

    new JournalExport().add(JournalExport.BOOT_ID, UNIT, 3, message).writeTo(journal);
    List<Sample> samples = check.collect(local);

    assertThat(pattern(samples, "scene_load_failed")).isEqualTo(1);
    assertThat(errors(samples)).isEqualTo(1);
  }

  @Test
  void invalidCursorRestartsWithoutDoubleCounting() throws Exception {
    Path journal = temp.resolve("x.journal");
    new JournalExport().add(UNIT, 3, "before start").writeTo(journal);
    JournalCheck check = new JournalCheck(spec(List.of(UNIT), null, journal.toString()));
    check.collect(local);
    new JournalExport().add(UNIT, 3, "counted").writeTo(journal);
    assertThat(errors(check.collect(local))).isEqualTo(1);

    check.replaceCursor("not-a-cursor");
    new JournalExport().add(UNIT, 3, "lost while the cursor is invalid").writeTo(journal);
    List<Sample> afterInvalid = check.collect(local);

    assertThat(errors(afterInvalid)).isEqualTo(1);
    assertThat(check.cursor()).startsWith("s=");

    new JournalExport().add(UNIT, 3, "counted again").writeTo(journal);
    assertThat(errors(check.collect(local))).isEqualTo(2);
  }

  @Test
  void capsLinesPerRunAndContinues() throws Exception {
    Path journal = temp.resolve("x.journal");
    new JournalExport().add(UNIT, 6, "start").writeTo(journal);
    JournalCheck check = new JournalCheck(spec(List.of(UNIT), null, journal.toString()), 3, 1 << 20);
    check.collect(local);
    JournalExport batch = new JournalExport();
    for (int i = 0; i < 7; i++) {
      batch.add(UNIT, 3, "error " + i);
    }
    batch.writeTo(journal);

    assertThat(errors(check.collect(local))).isEqualTo(3);
    assertThat(errors(check.collect(local))).isEqualTo(6);
    assertThat(errors(check.collect(local))).isEqualTo(7);
    assertThat(errors(check.collect(local))).isEqualTo(7);
  }

  @Test
  void byteCapCutsAtWholeEntries() throws Exception {
    Path journal = temp.resolve("x.journal");
    new JournalExport().add(UNIT, 6, "start").writeTo(journal);
    JournalCheck check = new JournalCheck(spec(List.of(UNIT), null, journal.toString()), 100, 1000);
    check.collect(local);
    JournalExport batch = new JournalExport();
    for (int i = 0; i < 10; i++) {
      batch.add(UNIT, 3, "error " + i + " " + "x".repeat(200));
    }
    batch.writeTo(journal);

    double afterFirst = errors(check.collect(local));
    for (int run = 0; run < 10; run++) {
      check.collect(local);
    }

    assertThat(afterFirst).isBetween(1.0, 9.0);
    assertThat(errors(check.collect(local))).isEqualTo(10);
  }

  @Test
  void readsDirectoryWithNewFileAndNewBoot() throws Exception {
    Path directory = Files.createDirectory(temp.resolve("journal"));
    new JournalExport().add(UNIT, 3, "before start").writeTo(directory.resolve("a.journal"));
    JournalCheck check = new JournalCheck(spec(List.of(UNIT), directory.toString(), null));
    check.collect(local);

    new JournalExport()
        .add("fedcba9876543210fedcba9876543210", UNIT, 3, "after reboot".getBytes(StandardCharsets.UTF_8))
        .writeTo(directory.resolve("b.journal"));
    new JournalExport().add(UNIT, 1, "CRITICAL alert").writeTo(directory.resolve("a.journal"));
    List<Sample> samples = check.collect(local);

    assertThat(errors(samples)).isEqualTo(2);
    assertThat(pattern(samples, "critical")).isEqualTo(1);
  }

  @Test
  void unitWithoutEntriesCountsFromStart() throws Exception {
    Path journal = temp.resolve("x.journal");
    new JournalExport().add("other.service", 3, "not ours").writeTo(journal);
    JournalCheck check = new JournalCheck(spec(List.of(UNIT), null, journal.toString()));

    assertThat(errors(check.collect(local))).isZero();
    assertThat(check.cursor()).isNull();

    new JournalExport().add(UNIT, 3, "first line of the unit").writeTo(journal);
    assertThat(errors(check.collect(local))).isEqualTo(1);
  }

  @Test
  void missingFileFails() {
    String missing = temp.resolve("none.journal").toString();
    JournalCheck check = new JournalCheck(spec(List.of(UNIT), null, missing));

    assertThatThrownBy(() -> check.collect(local))
        .isInstanceOf(CheckFailure.class)
        .hasMessageContaining("host local")
        .hasMessageContaining("No such file or directory")
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("not_found");
  }

  @Test
  void quotesCursorAndUnit() throws Exception {
    Path journal = temp.resolve("x.journal");
    new JournalExport().add(UNIT, 6, "start").writeTo(journal);
    JournalCheck check =
        new JournalCheck(spec(List.of("x'; touch opsbook-pwned; '"), null, journal.toString()));
    check.collect(local);
    check.replaceCursor("'; touch opsbook-pwned; '");

    check.collect(local);

    assertThat(Path.of("opsbook-pwned")).doesNotExist();
  }

  @Test
  void rejectsInvalidRegex() {
    Journal spec =
        new Journal(
            List.of(), null, null, 100, List.of("[unclosed"), Map.of(), null, 100,
            PromDuration.parse("30d"), PromDuration.parse("60s"));

    assertThatThrownBy(() -> new JournalCheck(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"[unclosed\" is not a valid Java regex");
  }

  private static Journal spec(List<String> units, String directory, String file) {
    return new Journal(
        units,
        directory,
        file,
        100,
        List.of("CRITICAL", "FATAL", "segfault", "OOM"),
        Map.of(
            "dap_timeout", "Connection timeout to DAP server",
            "scene_load_failed", "Scene load failed",
            "memory_allocation_failed", "Memory allocation failed"),
        "(?i)authentication failed",
        100,
        PromDuration.parse("30d"),
        PromDuration.parse("60s"));
  }

  private static double errors(List<Sample> samples) {
    return Samples.value(samples, MetricNames.JOURNAL_ERROR_LINES_TOTAL, Map.of());
  }

  private static double pattern(List<Sample> samples, String name) {
    return Samples.value(
        samples, MetricNames.JOURNAL_PATTERN_LINES_TOTAL, Map.of(MetricNames.LABEL_PATTERN, name));
  }
}
