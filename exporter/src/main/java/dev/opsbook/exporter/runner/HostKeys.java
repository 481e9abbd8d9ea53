package dev.opsbook.exporter.runner;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Locale;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Formats SSH public keys the way OpenSSH prints them. */
final class HostKeys {

  private HostKeys() {}

  /** Returns the SSH wire encoding of the key, the blob that known_hosts stores in base64. */
  static byte[] blob(PublicKey key) {
    return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
  }

  /** Returns the key type name, such as {@code ssh-ed25519} or {@code ecdsa-sha2-nistp256}. */
  static String type(PublicKey key) {
    return KeyType.fromKey(key).toString();
  }

  /** Returns the fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:<base64>}. */
  static String fingerprint(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Returns the host pattern known_hosts uses for an address: the lowercase name for port 22,
   * {@code [name]:port} otherwise.
   */
  static String knownHostsName(String address, int port) {
    String name = address.toLowerCase(Locale.ROOT);
    return port == 22 ? name : "[" + name + "]:" + port;
  }

  /** Returns a known_hosts line for the key. */
  static String knownHostsLine(String address, int port, PublicKey key) {
    return knownHostsName(address, port) + " " + type(key) + " "
        + Base64.getEncoder().encodeToString(blob(key));
  }
}
