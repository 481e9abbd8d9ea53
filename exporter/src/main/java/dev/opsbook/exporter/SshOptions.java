package dev.opsbook.exporter;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * SSH settings from the command line.
 *
 * @param knownHosts the known_hosts file that host keys are verified against
 * @param acceptNewHostKeys whether a host missing from known_hosts is trusted on first use and
 *     added to the file; a changed key is rejected either way
 * @param identities private key files, tried in order; empty means the SSH agent and the default
 *     keys in {@code ~/.ssh}
 * @param passphrase the passphrase of the identities, or {@code null}
 */
public record SshOptions(
    Path knownHosts, boolean acceptNewHostKeys, List<Path> identities, Passphrase passphrase) {

  public SshOptions {
    identities = List.copyOf(identities);
  }

  /** A key passphrase that never appears in logs or in {@code toString()}. */
  public static final class Passphrase {
    private final char[] value;

    public Passphrase(char[] value) {
      this.value = value.clone();
    }

    /** Returns a copy; callers should clear it when done. */
    public char[] value() {
      return value.clone();
    }

    @Override
    public String toString() {
      return "Passphrase[hidden]";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Passphrase passphrase && Arrays.equals(value, passphrase.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }
  }
}
