package dev.opsbook.exporter.runner;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenSSH known_hosts file shared by all runners. sshj's {@link OpenSSHKnownHosts} parses it,
 * so plain, hashed ({@code |1|salt|hash}) and {@code [host]:port} entries all match.
 */
final class KnownHosts {

  private static final Logger LOG = LoggerFactory.getLogger(KnownHosts.class);

  /** Result of one host-key check. */
  enum Outcome {
    NOT_CHECKED,
    KNOWN,
    ADDED,
    UNKNOWN,
    CHANGED
  }

  private final Path file;
  private final SshSettings.HostKeyPolicy policy;
  private final Object appendLock = new Object();

  KnownHosts(Path file, SshSettings.HostKeyPolicy policy) {
    this.file = file;
    this.policy = policy;
  }

  Path file() {
    return file;
  }

  /**
   * Returns a verifier for one connection attempt. It reads the file now, so keys added by
   * another runner or by hand since the last attempt count.
   */
  Verifier newVerifier() throws IOException {
    return new Verifier(read());
  }

  private OpenSSHKnownHosts read() throws IOException {
    String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    return new OpenSSHKnownHosts(new StringReader(text));
  }

  /**
   * Appends the key unless an entry for the host was added since {@code verifier} read the
   * file. Returns the outcome for the key under the updated file.
   */
  private Outcome appendIfStillUnknown(String address, int port, PublicKey key)
      throws IOException {
    synchronized (appendLock) {
      Outcome current = classify(read(), address, port, key);
      if (current != Outcome.UNKNOWN) {
        return current;
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String prefix = needsNewline() ? "\n" : "";
      String line = prefix + HostKeys.knownHostsLine(address, port, key) + "\n";
      Files.writeString(file, line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return Outcome.ADDED;
    }
  }

  private boolean needsNewline() throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return false;
    }
    byte[] bytes = Files.readAllBytes(file);
    return bytes[bytes.length - 1] != '\n';
  }

  /**
   * Classifies a presented key. A host that has entries, but none that matches the key, counts
   * as CHANGED even when the entries are of another key type. sshj first offers the key types
   * that known_hosts lists for the host, so a different type means the server no longer has
   * them.
   */
  private static Outcome classify(
      OpenSSHKnownHosts knownHosts, String address, int port, PublicKey key) throws IOException {
    String name = HostKeys.knownHostsName(address, port);
    KeyType type = KeyType.fromKey(key);
    boolean hostListed = false;
    for (KnownHostEntry entry : knownHosts.entries()) {
      if (!entry.appliesTo(name)) {
        continue;
      }
      hostListed = true;
      if (entry.appliesTo(type, name) && entry.verify(key)) {
        return Outcome.KNOWN;
      }
    }
    return hostListed ? Outcome.CHANGED : Outcome.UNKNOWN;
  }

  /** Checks the key of one connection attempt and records what it found. */
  final class Verifier implements HostKeyVerifier {

    private final OpenSSHKnownHosts snapshot;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile String keyType = "";
    private volatile String fingerprint = "";
    private volatile IOException writeFailure;

    private Verifier(OpenSSHKnownHosts snapshot) {
      this.snapshot = snapshot;
    }

    @Override
    public boolean verify(String address, int port, PublicKey key) {
      keyType = HostKeys.type(key);
      fingerprint = HostKeys.fingerprint(key);
      try {
        outcome = classify(snapshot, address, port, key);
        if (outcome == Outcome.UNKNOWN && policy == SshSettings.HostKeyPolicy.ACCEPT_NEW) {
          outcome = appendIfStillUnknown(address, port, key);
          if (outcome == Outcome.ADDED) {
            LOG.info("added host key of {}:{} to {}: {} {}", address, port, file, keyType,
                fingerprint);
          }
        }
      } catch (IOException e) {
        writeFailure = e;
        outcome = Outcome.UNKNOWN;
      }
      return outcome == Outcome.KNOWN || outcome == Outcome.ADDED;
    }

    @Override
    public List<String> findExistingAlgorithms(String address, int port) {
      return snapshot.findExistingAlgorithms(address, port);
    }

    Outcome outcome() {
      return outcome;
    }

    /** Returns the presented key as {@code <type> <fingerprint>}, empty before verification. */
    String presentedKey() {
      return keyType + " " + fingerprint;
    }

    /** Returns the error from reading or appending known_hosts, or {@code null}. */
    IOException writeFailure() {
      return writeFailure;
    }
  }
}
