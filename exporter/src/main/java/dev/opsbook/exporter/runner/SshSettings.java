package dev.opsbook.exporter.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * SSH client settings shared by every remote host.
 *
 * @param knownHosts the OpenSSH known_hosts file that host keys are verified against
 * @param hostKeyPolicy what to do with a host whose key is not in {@code knownHosts}
 * @param identityFiles private key files in OpenSSH format, tried in order
 * @param passphraseEnv name of an environment variable that contains the passphrase of the
 *     encrypted identity files, or {@code null}
 * @param passphraseFile file whose first line is that passphrase, or {@code null}
 * @param agentSocket UNIX socket of an ssh-agent whose keys are tried after the files, or {@code
 *     null} for no agent
 * @param connectTimeout limit for the TCP connect, and separately for the SSH handshake and
 *     authentication
 * @param keepAliveInterval interval between keepalive requests on each open connection, at
 *     millisecond resolution; zero disables them
 * @param maxOutputBytes cap on stdout and on stderr of one command, each
 * @param maxSessionsPerHost commands that may run at the same time on one connection
 * @param backoffInitial wait after the first failed connection attempt
 * @param backoffMax upper bound of the wait between connection attempts
 */
public record SshSettings(
    Path knownHosts,
    HostKeyPolicy hostKeyPolicy,
    List<Path> identityFiles,
    String passphraseEnv,
    Path passphraseFile,
    Path agentSocket,
    Duration connectTimeout,
    Duration keepAliveInterval,
    int maxOutputBytes,
    int maxSessionsPerHost,
    Duration backoffInitial,
    Duration backoffMax) {

  /** Default cap on stdout and on stderr of one command: 4 MiB. */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

  /** Policy for a host key missing from known_hosts. A changed key is always rejected. */
  public enum HostKeyPolicy {
    /** Reject unknown host keys, like OpenSSH's {@code StrictHostKeyChecking=yes}. */
    STRICT,
    /**
     * Append an unknown host key to known_hosts and accept it, like OpenSSH's {@code
     * StrictHostKeyChecking=accept-new}.
     */
    ACCEPT_NEW
  }

  public SshSettings {
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    identityFiles = List.copyOf(identityFiles);
    requirePositive(connectTimeout, "connectTimeout");
    if (keepAliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepAliveInterval must not be negative: "
          + keepAliveInterval);
    }
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
    }
    if (maxSessionsPerHost <= 0) {
      throw new IllegalArgumentException(
          "maxSessionsPerHost must be positive: " + maxSessionsPerHost);
    }
    requirePositive(backoffInitial, "backoffInitial");
    requirePositive(backoffMax, "backoffMax");
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "backoffMax " + backoffMax + " is shorter than backoffInitial " + backoffInitial);
    }
    if (passphraseEnv != null && passphraseFile != null) {
      throw new IllegalArgumentException(
          "set either a passphrase environment variable or a passphrase file, not both");
    }
  }

  /**
   * Returns the defaults: {@code ~/.ssh/known_hosts}, strict host keys, {@code ~/.ssh/id_ed25519},
   * {@code id_ecdsa} and {@code id_rsa} where they exist, the agent at {@code SSH_AUTH_SOCK} when
   * that is set, 10 s connect timeout, 30 s keepalive, 4 MiB output cap, 4 sessions per host,
   * backoff from 1 s up to 5 min.
   */
  public static SshSettings defaults() {
    Path sshDir = Path.of(System.getProperty("user.home"), ".ssh");
    List<Path> identities =
        List.of("id_ed25519", "id_ecdsa", "id_rsa").stream()
            .map(sshDir::resolve)
            .filter(path -> path.toFile().isFile())
            .toList();
    return new SshSettings(
        sshDir.resolve("known_hosts"),
        HostKeyPolicy.STRICT,
        identities,
        null,
        null,
        agentSocketFromEnvironment(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        DEFAULT_MAX_OUTPUT_BYTES,
        4,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5));
  }

  public SshSettings withKnownHosts(Path path, HostKeyPolicy policy) {
    return new SshSettings(path, policy, identityFiles, passphraseEnv, passphraseFile, agentSocket,
        connectTimeout, keepAliveInterval, maxOutputBytes, maxSessionsPerHost, backoffInitial,
        backoffMax);
  }

  /** Returns a copy that uses only the given key files, with no passphrase and no agent. */
  public SshSettings withIdentities(List<Path> files) {
    return new SshSettings(knownHosts, hostKeyPolicy, files, null, null, null, connectTimeout,
        keepAliveInterval, maxOutputBytes, maxSessionsPerHost, backoffInitial, backoffMax);
  }

  public SshSettings withPassphraseEnv(String variableName) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, variableName, null,
        agentSocket, connectTimeout, keepAliveInterval, maxOutputBytes, maxSessionsPerHost,
        backoffInitial, backoffMax);
  }

  public SshSettings withPassphraseFile(Path file) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, null, file, agentSocket,
        connectTimeout, keepAliveInterval, maxOutputBytes, maxSessionsPerHost, backoffInitial,
        backoffMax);
  }

  public SshSettings withAgent(Path socket) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, passphraseEnv,
        passphraseFile, socket, connectTimeout, keepAliveInterval, maxOutputBytes,
        maxSessionsPerHost, backoffInitial, backoffMax);
  }

  public SshSettings withConnectTimeout(Duration timeout) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, passphraseEnv,
        passphraseFile, agentSocket, timeout, keepAliveInterval, maxOutputBytes, maxSessionsPerHost,
        backoffInitial, backoffMax);
  }

  public SshSettings withMaxOutputBytes(int bytes) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, passphraseEnv,
        passphraseFile, agentSocket, connectTimeout, keepAliveInterval, bytes, maxSessionsPerHost,
        backoffInitial, backoffMax);
  }

  public SshSettings withMaxSessionsPerHost(int sessions) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, passphraseEnv,
        passphraseFile, agentSocket, connectTimeout, keepAliveInterval, maxOutputBytes, sessions,
        backoffInitial, backoffMax);
  }

  /** Returns a copy with another keepalive interval; zero disables keepalive. */
  public SshSettings withKeepAliveInterval(Duration interval) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, passphraseEnv,
        passphraseFile, agentSocket, connectTimeout, interval, maxOutputBytes, maxSessionsPerHost,
        backoffInitial, backoffMax);
  }

  public SshSettings withBackoff(Duration initial, Duration max) {
    return new SshSettings(knownHosts, hostKeyPolicy, identityFiles, passphraseEnv,
        passphraseFile, agentSocket, connectTimeout, keepAliveInterval, maxOutputBytes,
        maxSessionsPerHost, initial, max);
  }

  private static Path agentSocketFromEnvironment() {
    String socket = System.getenv("SSH_AUTH_SOCK");
    return socket == null || socket.isBlank() ? null : Path.of(socket);
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration: " + value);
    }
  }
}
