package dev.opsbook.exporter.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * The client keys: private key files decrypted once at startup, so the passphrase is dropped from
 * memory afterwards, plus the ssh-agent when enabled.
 */
final class SshIdentities {

  private final List<KeyPairWrapper> keys;
  private final SshAgent agent;

  private SshIdentities(List<KeyPairWrapper> keys, SshAgent agent) {
    this.keys = List.copyOf(keys);
    this.agent = agent;
  }

  /** Loads and decrypts every identity file of the settings. */
  static SshIdentities load(SshSettings settings) throws SshConfigException {
    return load(settings, System::getenv);
  }

  /** Loads the identities, reading a passphrase variable from {@code environment}. */
  static SshIdentities load(SshSettings settings, UnaryOperator<String> environment)
      throws SshConfigException {
    SshAgent agent = settings.agentSocket() == null ? null : new SshAgent(settings.agentSocket());
    if (settings.identityFiles().isEmpty() && agent == null) {
      throw new SshConfigException("no SSH key configured: set an identity file such as "
          + "~/.ssh/id_ed25519, or an ssh-agent socket");
    }
    char[] passphrase = readPassphrase(settings, environment);
    try {
      DefaultConfig config = new DefaultConfig();
      List<KeyPairWrapper> keys = new ArrayList<>();
      for (Path file : settings.identityFiles()) {
        keys.add(loadKey(config, file, passphrase, settings));
      }
      return new SshIdentities(keys, agent);
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /** Returns fresh authentication methods for one connection; sshj's methods keep state. */
  List<AuthMethod> authMethods() {
    List<AuthMethod> methods = new ArrayList<>();
    for (KeyPairWrapper key : keys) {
      methods.add(new AuthPublickey(key));
    }
    if (agent != null) {
      methods.addAll(agent.authMethods());
    }
    return methods;
  }

  private static KeyPairWrapper loadKey(
      DefaultConfig config, Path file, char[] passphrase, SshSettings settings)
      throws SshConfigException {
    if (!Files.isReadable(file)) {
      throw new SshConfigException("SSH identity file " + file + " is missing or not readable");
    }
    if (!Files.isRegularFile(file)) {
      // sshj reads the file twice, and opening a FIFO for reading blocks until a writer appears.
      throw new SshConfigException("SSH identity file " + file
          + " is not a regular file; pass the path of a private key file");
    }
    try {
      KeyFormat format = KeyProviderUtil.detectKeyFileFormat(file.toFile());
      FileKeyProvider provider =
          Factory.Named.Util.create(config.getFileKeyProviderFactories(), format.toString());
      if (provider == null) {
        throw new SshConfigException("SSH identity file " + file
            + " is not a private key in a supported format (OpenSSH, PEM, PKCS#8 or PuTTY)");
      }
      FixedPassphrase finder = new FixedPassphrase(passphrase);
      provider.init(file.toFile(), finder);
      try {
        return new KeyPairWrapper(provider.getPublic(), provider.getPrivate());
      } catch (IOException | RuntimeException e) {
        // sshj requests the passphrase only for an encrypted key. Given none, it fails with
        // whatever its key format's decoder throws, such as a NullPointerException. Without
        // BouncyCastle on the class path, sshj 0.40 does not request an encrypted PEM key's
        // passphrase, so the PEM header is checked too.
        if (passphrase == null && (finder.requested() || isEncryptedPem(file))) {
          throw new SshConfigException("SSH identity file " + file
              + " is encrypted and no passphrase is set; give --passphrase-env NAME or "
              + "--passphrase-file FILE", e);
        }
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      String hint = passphrase == null
          ? "; if the key is encrypted, set its passphrase with a passphrase environment "
              + "variable or file"
          : "; check that the passphrase from " + passphraseSource(settings) + " is right";
      throw new SshConfigException(
          "could not load SSH identity file " + file + ": " + e.getMessage() + hint, e);
    }
  }

  /**
   * Returns whether the file starts as a traditional PEM private key with the {@code Proc-Type:
   * 4,ENCRYPTED} header (RFC 1421), as {@code ssh-keygen -m PEM} writes an encrypted key.
   */
  static boolean isEncryptedPem(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String first = reader.readLine();
      String second = reader.readLine();
      return first != null
          && first.startsWith("-----BEGIN ")
          && second != null
          && second.strip().equals("Proc-Type: 4,ENCRYPTED");
    } catch (IOException e) {
      return false;
    }
  }

  private static char[] readPassphrase(SshSettings settings, UnaryOperator<String> environment)
      throws SshConfigException {
    if (settings.passphraseEnv() != null) {
      String value = environment.apply(settings.passphraseEnv());
      if (value == null) {
        throw new SshConfigException("passphrase environment variable "
            + settings.passphraseEnv() + " is not set");
      }
      return value.toCharArray();
    }
    if (settings.passphraseFile() != null) {
      Path file = settings.passphraseFile();
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        return line.toCharArray();
      } catch (IOException e) {
        throw new SshConfigException("could not read passphrase file " + file + ": " + e, e);
      }
    }
    return null;
  }

  private static String passphraseSource(SshSettings settings) {
    return settings.passphraseEnv() != null
        ? "environment variable " + settings.passphraseEnv()
        : "file " + settings.passphraseFile();
  }

  /**
   * Hands sshj a copy of the passphrase, because sshj may blank the array it gets, and records
   * whether sshj requested it.
   */
  private static final class FixedPassphrase implements PasswordFinder {
    private final char[] passphrase;
    private boolean requested;

    FixedPassphrase(char[] passphrase) {
      this.passphrase = passphrase;
    }

    boolean requested() {
      return requested;
    }

    @Override
    public char[] reqPassword(Resource<?> resource) {
      requested = true;
      return passphrase == null ? null : passphrase.clone();
    }

    @Override
    public boolean shouldRetry(Resource<?> resource) {
      return false;
    }
  }
}
