package dev.opsbook.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real programs the end-to-end test runs, with the Debian package of each. */
final class Tools {

  static final String INSTALL_HINT =
      "apt-get install prometheus prometheus-alertmanager openssh-server systemd-journal-remote";

  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  static final Path SSHD = Path.of("/usr/sbin/sshd");
  static final Path JOURNAL_REMOTE = Path.of("/lib/systemd/systemd-journal-remote");
  static final Path JOURNALCTL = Path.of("/usr/bin/journalctl");
  static final Path TAR = Path.of("/usr/bin/tar");

  private Tools() {}

  /** Fails with the install command when any tool is missing, so the test never skips. */
  static void requireAll() {
    for (Path tool : new Path[] {PROMETHEUS, ALERTMANAGER, SSHD, JOURNAL_REMOTE, JOURNALCTL, TAR}) {
      if (!Files.isExecutable(tool)) {
        throw new IllegalStateException(tool + " is missing: " + INSTALL_HINT);
      }
    }
  }

  /** Returns the java launcher of the running JVM, for the exporter's subprocess. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
