package dev.opsbook.exporter.collect.backup;

import dev.opsbook.exporter.runner.ShellQuote;
import java.util.List;

/** Builds the backup listing and integrity commands. */
public final class BackupCommands {

  static final String TAR_MARKER = "==opsbook-tar==";

  private BackupCommands() {}

  /**
   * Returns the listing command: {@code ERR <reason>} when the directory is missing, else the
   * host clock ({@code date +%s.%N}) on the first line, then one NUL-terminated record per
   * regular file up to two levels down: mtime in epoch seconds, size in bytes and the path
   * relative to the directory. NUL separators keep names with newlines intact; {@code -printf}
   * is GNU find, as on every Debian host. {@code -H} follows the directory itself when it is a
   * symbolic link, because find would otherwise list only the link. Links inside it are not
   * followed.
   *
   * @throws IllegalArgumentException when the directory contains a NUL byte
   */
  public static String listing(String directory) {
    return "export LC_ALL=C; d=" + ShellQuote.quote(safeOperand(directory)) + "; "
        + "if [ ! -e \"$d\" ]; then echo 'ERR not_found'; "
        + "elif [ ! -d \"$d\" ]; then echo 'ERR not_a_file'; "
        + "elif [ ! -r \"$d\" ] || [ ! -x \"$d\" ]; then echo 'ERR permission_denied'; "
        + "else date +%s.%N && find -H \"$d\" -maxdepth 2 -type f -printf '%T@ %s %P\\0'; fi";
  }

  /**
   * Returns the integrity command: {@code tar -tz} on each archive, output discarded, then a
   * marker line with the index and tar's exit status. {@code --force-local} keeps tar from
   * reading a name with a colon as a remote archive; the archive goes after {@code -f}, which
   * takes the next word as it is, so no {@code --} is needed (and {@code -f --} would name an
   * archive called {@code --}).
   *
   * @param archives absolute or directory-relative archive paths
   */
  public static String integrity(List<String> archives) {
    StringBuilder command = new StringBuilder("export LC_ALL=C; ");
    for (int i = 0; i < archives.size(); i++) {
      command
          .append("tar --force-local -tz -f ")
          .append(ShellQuote.quote(safeOperand(archives.get(i))))
          .append(" >/dev/null 2>&1; printf '%s %d %d\\n' '")
          .append(TAR_MARKER)
          .append("' ")
          .append(i)
          .append(" \"$?\"; ");
    }
    return command.toString();
  }

  /** Prefixes {@code ./} to a relative path that starts with {@code -}, so find reads a path. */
  static String safeOperand(String path) {
    return path.startsWith("-") ? "./" + path : path;
  }
}
