package dev.opsbook.exporter.collect.certificate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits the output of {@link CertificateFilesCommand} into one result per file. Pure. */
public final class CertificateFilesParser {

  /**
   * Content or error of one file.
   *
   * @param index position of the path in the command
   * @param content the bytes read, or {@code null} on error
   * @param errorReason the reason the shell reported, or {@code null}
   */
  public record FileContent(int index, byte[] content, String errorReason) {}

  /** Thrown when the output does not have the shape the command produces. */
  public static final class OutputFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    OutputFormatException(String message) {
      super(message);
    }
  }

  private static final Pattern MARKER_LINE =
      Pattern.compile(Pattern.quote(CertificateFilesCommand.MARKER) + " (\\d+)");
  private static final Pattern ERROR_LINE = Pattern.compile("ERR ([a-z_]+)");

  private CertificateFilesParser() {}

  /**
   * Parses the output.
   *
   * @throws OutputFormatException when markers are missing or out of order, or base64 is invalid
   */
  public static List<FileContent> parse(String output, int fileCount)
      throws OutputFormatException {
    List<FileContent> files = new ArrayList<>();
    StringBuilder body = null;
    for (String line : output.split("\n")) {
      Matcher marker = MARKER_LINE.matcher(line);
      if (marker.matches()) {
        if (body != null) {
          files.add(toFile(files.size(), body.toString()));
        }
        int index = Integer.parseInt(marker.group(1));
        if (index != files.size()) {
          throw new OutputFormatException(
              "output has file marker " + index + " where marker " + files.size() + " belongs");
        }
        body = new StringBuilder();
      } else if (body != null) {
        body.append(line).append('\n');
      }
    }
    if (body != null) {
      files.add(toFile(files.size(), body.toString()));
    }
    if (files.size() != fileCount) {
      throw new OutputFormatException(
          "output has " + files.size() + " files, expected " + fileCount);
    }
    return files;
  }

  private static FileContent toFile(int index, String body) throws OutputFormatException {
    Matcher error = ERROR_LINE.matcher(body.strip());
    if (error.matches()) {
      return new FileContent(index, null, error.group(1));
    }
    try {
      return new FileContent(index, Base64.getDecoder().decode(body.replaceAll("\\s", "")), null);
    } catch (IllegalArgumentException e) {
      throw new OutputFormatException("base64 content of file " + index + " is invalid");
    }
  }
}
