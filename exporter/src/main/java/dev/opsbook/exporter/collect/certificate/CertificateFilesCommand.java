package dev.opsbook.exporter.collect.certificate;

import dev.opsbook.exporter.runner.ShellQuote;
import java.util.List;

/**
 * Builds the command that reads certificate files: per file a marker line with its index, then
 * either {@code ERR <reason>} or the file's first {@code MAX_FILE_BYTES + 1} bytes in base64,
 * which keeps DER bytes intact through the text channel. The parser treats a file with one byte
 * past the cap as too large.
 */
public final class CertificateFilesCommand {

  /** Maximum size of a certificate file: 1 MiB, far above any real certificate bundle. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  static final String MARKER = "==opsbook-cert==";

  private CertificateFilesCommand() {}

  /**
   * Returns the command line.
   *
   * @throws IllegalArgumentException when a path contains a NUL byte
   */
  public static String build(List<String> paths) {
    StringBuilder command = new StringBuilder("export LC_ALL=C; ");
    for (int i = 0; i < paths.size(); i++) {
      command
          .append("f=")
          .append(ShellQuote.quote(paths.get(i)))
          .append("; printf '%s %d\\n' '")
          .append(MARKER)
          .append("' ")
          .append(i)
          .append("; if [ ! -e \"$f\" ]; then echo 'ERR not_found';")
          .append(" elif [ ! -f \"$f\" ]; then echo 'ERR not_a_file';")
          .append(" elif [ ! -r \"$f\" ]; then echo 'ERR permission_denied';")
          .append(" else head -c ")
          .append(MAX_FILE_BYTES + 1)
          .append(" -- \"$f\" | base64; fi; ");
    }
    return command.toString();
  }
}
