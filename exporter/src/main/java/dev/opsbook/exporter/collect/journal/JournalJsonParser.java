package dev.opsbook.exporter.collect.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code journalctl -o json} output, one JSON object per line. Pure: no I/O. */
public final class JournalJsonParser {

  /**
   * One journal entry.
   *
   * @param cursor the entry's cursor
   * @param priority syslog priority 0 to 7, or -1 when the entry has none
   * @param message the message; bytes that are not UTF-8 become U+FFFD
   */
  public record JournalEntry(String cursor, int priority, String message) {}

  /**
   * Entries of one read.
   *
   * @param entries the complete, valid entries in journal order
   * @param invalidLines lines that are not journal JSON objects with a cursor, skipped
   */
  public record ParsedEntries(List<JournalEntry> entries, int invalidLines) {
    public ParsedEntries {
      entries = List.copyOf(entries);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JournalJsonParser() {}

  /**
   * Parses the output. A last line without a newline was cut by the byte cap and is dropped,
   * so the next read starts at that entry again.
   */
  public static ParsedEntries parse(byte[] output) {
    List<JournalEntry> entries = new ArrayList<>();
    int invalid = 0;
    int start = 0;
    for (int i = 0; i < output.length; i++) {
      if (output[i] != '\n') {
        continue;
      }
      if (i > start) {
        JournalEntry entry = parseLine(output, start, i - start);
        if (entry == null) {
          invalid++;
        } else {
          entries.add(entry);
        }
      }
      start = i + 1;
    }
    return new ParsedEntries(entries, invalid);
  }

  private static JournalEntry parseLine(byte[] output, int offset, int length) {
    JsonNode node;
    try {
      node = MAPPER.readTree(output, offset, length);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isObject() || !node.path("__CURSOR").isTextual()) {
      return null;
    }
    return new JournalEntry(
        node.get("__CURSOR").asText(), priorityOf(node.get("PRIORITY")), textOf(node.get("MESSAGE")));
  }

  private static int priorityOf(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return -1;
    }
    try {
      int priority = Integer.parseInt(value.asText().strip());
      return priority >= 0 && priority <= 7 ? priority : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Returns a field's text. journalctl prints a value that is not valid UTF-8 as an array of
   * byte numbers, and a field that occurs several times as an array of values.
   */
  static String textOf(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (!value.isArray()) {
      return value.asText();
    }
    boolean bytes = true;
    for (JsonNode element : value) {
      bytes &= element.isIntegralNumber();
    }
    if (bytes) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      for (JsonNode element : value) {
        buffer.write(element.asInt());
      }
      return buffer.toString(StandardCharsets.UTF_8);
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode element : value) {
      parts.add(textOf(element));
    }
    return String.join("\n", parts);
  }
}
