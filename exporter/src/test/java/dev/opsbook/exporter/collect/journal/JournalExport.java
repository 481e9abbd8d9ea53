package dev.opsbook.exporter.collect.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes entries in journal export format and turns them into a real journal file with
 * {@code systemd-journal-remote}, appending when the file exists.
 */
final class JournalExport {

  static final String JOURNAL_REMOTE = "/lib/systemd/systemd-journal-remote";
  static final String BOOT_ID = "0123456789abcdef0123456789abcdef";

  /** Realtime and monotonic clocks of the entries, strictly increasing across batches. */
  private static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis() * 1000);

  private final ByteArrayOutputStream export = new ByteArrayOutputStream();

  JournalExport add(String unit, int priority, String message) {
    return add(BOOT_ID, unit, priority, message.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds an entry; the message is written as a binary field, so it may hold any bytes. */
  JournalExport add(String bootId, String unit, int priority, byte[] message) {
    long now = CLOCK.addAndGet(1000);
    field("__REALTIME_TIMESTAMP", Long.toString(now));
    field("__MONOTONIC_TIMESTAMP", Long.toString(now - 1_700_000_000_000_000L));
    field("_BOOT_ID", bootId);
    field("PRIORITY", Integer.toString(priority));
    field("_SYSTEMD_UNIT", unit);
    export.writeBytes("MESSAGE\n".getBytes(StandardCharsets.US_ASCII));
    export.writeBytes(
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(message.length).array());
    export.writeBytes(message);
    export.write('\n');
    export.write('\n');
    return this;
  }

  private void field(String name, String value) {
    export.writeBytes((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the entries into the journal file and clears this batch. */
  void writeTo(Path journal) throws Exception {
    if (!Files.isExecutable(Path.of(JOURNAL_REMOTE))) {
      throw new AssertionError(
          JOURNAL_REMOTE + " is missing: apt-get install systemd-journal-remote");
    }
    Path input = Files.createTempFile(journal.getParent(), "batch", ".export");
    Files.write(input, export.toByteArray());
    export.reset();
    Process process =
        new ProcessBuilder(JOURNAL_REMOTE, "--output=" + journal, input.toString())
            .redirectErrorStream(true)
            .start();
    boolean finished = process.waitFor(30, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(finished).as("systemd-journal-remote finished: " + output).isTrue();
    assertThat(process.exitValue()).as("systemd-journal-remote: " + output).isZero();
    Files.delete(input);
  }
}
