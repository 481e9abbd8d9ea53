package dev.opsbook.exporter.collect.backup;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses the output of {@link BackupCommands#listing}. Pure: no I/O. */
public final class BackupListingParser {

  /**
   * One regular file.
   *
   * @param relativePath path relative to the backup directory
   * @param mtimeSeconds modification time on the host's clock
   * @param sizeBytes file size
   */
  public record BackupFile(String relativePath, double mtimeSeconds, long sizeBytes) {}

  /**
   * A listing, or the reason the directory could not be listed.
   *
   * @param errorReason {@code not_found}, {@code not_a_file} or {@code permission_denied}, or
   *     {@code null}
   * @param hostNowSeconds the host clock when the listing started
   * @param files the files, in find order
   * @param skippedNames number of files whose names are not UTF-8, which are left out because a
   *     tier pattern cannot match them and they cannot be passed back to tar as a string
   */
  public record Listing(
      String errorReason, double hostNowSeconds, List<BackupFile> files, int skippedNames) {
    public Listing {
      files = List.copyOf(files);
    }
  }

  /** Thrown when the output does not have the shape the command produces. */
  public static final class ListingFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ListingFormatException(String message) {
      super(message);
    }
  }

  private BackupListingParser() {}

  /**
   * Parses the listing bytes.
   *
   * @throws ListingFormatException when the clock line or a record is malformed
   */
  public static Listing parse(byte[] output) throws ListingFormatException {
    int newline = indexOf(output, (byte) '\n', 0);
    if (newline < 0) {
      throw new ListingFormatException("listing has no first line");
    }
    String first = new String(output, 0, newline, StandardCharsets.US_ASCII).strip();
    if (first.startsWith("ERR ")) {
      return new Listing(first.substring(4), 0, List.of(), 0);
    }
    double hostNow;
    try {
      hostNow = Double.parseDouble(first);
    } catch (NumberFormatException e) {
      throw new ListingFormatException("host clock \"" + first + "\" is not a number");
    }
    List<BackupFile> files = new ArrayList<>();
    int skipped = 0;
    int start = newline + 1;
    while (start < output.length) {
      int end = indexOf(output, (byte) 0, start);
      if (end < 0) {
        throw new ListingFormatException("listing ends inside a record (output cut short?)");
      }
      BackupFile file = parseRecord(output, start, end);
      if (file == null) {
        skipped++;
      } else {
        files.add(file);
      }
      start = end + 1;
    }
    return new Listing(null, hostNow, files, skipped);
  }

  /** Parses {@code <mtime> <size> <path>}; returns null when the path is not UTF-8. */
  private static BackupFile parseRecord(byte[] output, int start, int end)
      throws ListingFormatException {
    int firstSpace = indexOf(output, (byte) ' ', start);
    int secondSpace = firstSpace < 0 ? -1 : indexOf(output, (byte) ' ', firstSpace + 1);
    if (secondSpace < 0 || secondSpace >= end) {
      throw new ListingFormatException(
          "invalid listing record: " + new String(output, start, end - start, StandardCharsets.UTF_8));
    }
    String mtime = new String(output, start, firstSpace - start, StandardCharsets.US_ASCII);
    String size = new String(output, firstSpace + 1, secondSpace - firstSpace - 1, StandardCharsets.US_ASCII);
    String path;
    try {
      path =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(output, secondSpace + 1, end - secondSpace - 1))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    try {
      return new BackupFile(path, Double.parseDouble(mtime), Long.parseLong(size));
    } catch (NumberFormatException e) {
      throw new ListingFormatException(
          "listing record of " + path + " has invalid mtime \"" + mtime + "\" or size \"" + size + "\"");
    }
  }

  private static int indexOf(byte[] bytes, byte value, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
