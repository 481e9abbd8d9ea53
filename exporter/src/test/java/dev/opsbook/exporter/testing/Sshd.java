package dev.opsbook.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH server on 127.0.0.1 and a random free port, for tests. It runs {@code
 * /usr/sbin/sshd -D -e} as the current user with a temporary host key, a temporary client key
 * pair in {@code authorized_keys}, and a configuration that allows public-key logins only.
 *
 * <p>Use it in try-with-resources or close it in {@code @AfterAll}; closing stops sshd and deletes
 * the temporary directory.
 */
public final class Sshd implements AutoCloseable {

  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
  private static final Duration START_DEADLINE = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final Path hostRoot;
  private final Path hostKey;
  private final Path otherHostKey;
  private final Path clientKey;
  private final Path authorizedKeys;
  private final Path log;
  private int port;
  private Path activeHostKey;
  private Process process;
  private int generatedKeys;

  static {
    // sshj logs every packet at DEBUG, logback's default level, which floods the test output.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("net.schmizz"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.hierynomus"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  private Sshd() throws IOException {
    requireExecutable(SSHD, "openssh-server");
    requireExecutable(SSH_KEYGEN, "openssh-client");
    dir = Files.createTempDirectory("opsbook-sshd-");
    hostRoot = Files.createDirectories(dir.resolve("root"));
    hostKey = dir.resolve("host_ed25519");
    otherHostKey = dir.resolve("other_host_ed25519");
    clientKey = dir.resolve("client_ed25519");
    authorizedKeys = dir.resolve("authorized_keys");
    log = dir.resolve("sshd.log");
    keygen("ed25519", "", hostKey);
    keygen("ed25519", "", otherHostKey);
    keygen("ed25519", "", clientKey);
    Files.copy(publicKeyOf(clientKey), authorizedKeys);
    activeHostKey = hostKey;
  }

  /** Starts sshd on a free port and waits until the port accepts connections. */
  public static Sshd start() throws IOException {
    Sshd sshd = new Sshd();
    try {
      sshd.startOnFreePort();
      return sshd;
    } catch (IOException | RuntimeException e) {
      sshd.close();
      throw e;
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** Returns the user sshd accepts, the user running the tests. */
  public String user() {
    return System.getProperty("user.name");
  }

  /** Returns the private key whose public half is in {@code authorized_keys}. */
  public Path clientKey() {
    return clientKey;
  }

  /** Returns a temporary directory for files that commands on this host read. */
  public Path hostRoot() {
    return hostRoot;
  }

  /** Returns a fresh temporary directory owned by this server's lifetime. */
  public Path newTempDirectory(String prefix) throws IOException {
    return Files.createTempDirectory(dir, prefix);
  }

  /** Writes a file under {@link #hostRoot()} and returns its absolute path. */
  public Path writeFile(String relativePath, String content) throws IOException {
    return writeFile(relativePath, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file under {@link #hostRoot()} and returns its absolute path. */
  public Path writeFile(String relativePath, byte[] content) throws IOException {
    Path file = hostRoot.resolve(relativePath).normalize();
    if (!file.startsWith(hostRoot)) {
      throw new IllegalArgumentException("path leaves the host root: " + relativePath);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  /** Returns the host key sshd currently presents as an OpenSSH public key line. */
  public String hostPublicKey() throws IOException {
    return Files.readString(publicKeyOf(activeHostKey), StandardCharsets.US_ASCII).trim();
  }

  /** Returns the key type of the current host key, such as {@code ssh-ed25519}. */
  public String hostKeyType() throws IOException {
    return hostPublicKey().split(" ")[0];
  }

  /**
   * Returns the current host key's fingerprint as {@code ssh-keygen -l} prints it: {@code
   * SHA256:<base64>}.
   */
  public String hostKeyFingerprint() throws IOException {
    String output = run(List.of(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f",
        publicKeyOf(activeHostKey).toString()));
    return output.split(" ")[1];
  }

  /** Returns a known_hosts line for the current host key, as {@code [127.0.0.1]:port type key}. */
  public String knownHostsLine() throws IOException {
    String[] parts = hostPublicKey().split(" ");
    return "[" + host() + "]:" + port + " " + parts[0] + " " + parts[1];
  }

  /** Writes a known_hosts file with {@link #knownHostsLine()} and returns its path. */
  public Path writeKnownHosts(Path file) throws IOException {
    Files.writeString(file, knownHostsLine() + "\n", StandardCharsets.US_ASCII);
    return file;
  }

  /** Hashes the host names of a known_hosts file in place with {@code ssh-keygen -H}. */
  public void hashKnownHosts(Path file) throws IOException {
    run(List.of(SSH_KEYGEN.toString(), "-q", "-H", "-f", file.toString()));
    Files.deleteIfExists(Path.of(file + ".old"));
  }

  /**
   * Generates a client key pair, adds its public key to {@code authorized_keys} and returns the
   * private key path.
   *
   * @param type {@code ed25519}, {@code rsa} or {@code ecdsa}
   * @param passphrase the passphrase, empty for an unencrypted key
   */
  public Path newAuthorizedKey(String type, String passphrase) throws IOException {
    Path key = newUnauthorizedKey(type, passphrase);
    Files.write(authorizedKeys, Files.readAllBytes(publicKeyOf(key)), StandardOpenOption.APPEND);
    return key;
  }

  /** Generates a client key pair that sshd does not accept and returns the private key path. */
  public Path newUnauthorizedKey(String type, String passphrase) throws IOException {
    generatedKeys++;
    Path key = dir.resolve("client_" + type + "_" + generatedKeys);
    keygen(type, passphrase, key);
    return key;
  }

  /** Returns the number of successful public-key logins sshd has logged so far. */
  public int acceptedLogins() throws IOException {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return (int) lines.filter(line -> line.contains("Accepted publickey for")).count();
    }
  }

  /** Returns the sshd log so far, for assertion messages. */
  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Stops sshd, which closes every connection to it, and leaves it stopped. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        throw new IllegalStateException("sshd did not exit within 5 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Stops sshd and starts it again on the same port with the same host key. */
  public void restart() throws IOException {
    stop();
    launchAndAwait(port);
  }

  /**
   * Stops sshd and starts it again on the same port with a second, different host key, as a
   * reinstalled or impersonated host would present.
   */
  public void restartWithOtherHostKey() throws IOException {
    stop();
    activeHostKey = otherHostKey;
    launchAndAwait(port);
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }

  private void startOnFreePort() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        launchAndAwait(freePort());
        return;
      } catch (IOException e) {
        // Another process may have taken the port between probing and binding.
        last = e;
        stop();
      }
    }
    throw last;
  }

  private void launchAndAwait(int listenPort) throws IOException {
    port = listenPort;
    // Debian's sshd exits at startup when its privilege-separation directory is missing.
    Files.createDirectories(Path.of("/run/sshd"));
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, config(), StandardCharsets.UTF_8);
    ProcessBuilder builder =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
    awaitPort();
  }

  private String config() {
    return String.join(
        "\n",
        "ListenAddress 127.0.0.1:" + port,
        "HostKey " + activeHostKey,
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + authorizedKeys,
        "StrictModes no",
        "UsePAM no",
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "AllowTcpForwarding no",
        "AllowAgentForwarding no",
        "X11Forwarding no",
        "PrintMotd no",
        "UseDNS no",
        "LogLevel VERBOSE",
        "MaxSessions 10",
        "MaxStartups 100",
        "");
  }

  private void awaitPort() throws IOException {
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("sshd exited with status " + process.exitValue() + ": " + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host(), port), 200);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(50));
      }
    }
    throw new IOException("sshd did not accept connections on port " + port + " within "
        + START_DEADLINE.toSeconds() + " s: " + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void keygen(String type, String passphrase, Path key) throws IOException {
    List<String> command = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-t", type));
    if (type.equals("rsa")) {
      command.addAll(List.of("-b", "2048"));
    }
    command.addAll(List.of("-N", passphrase, "-C", "opsbook-test", "-f", key.toString()));
    run(command);
  }

  private static String run(List<String> command) throws IOException {
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    child.getOutputStream().close();
    try {
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IOException("timed out after 30 s: " + command.get(0));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (child.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed with status " + child.exitValue() + ": "
          + output);
    }
    return output;
  }

  private static Path publicKeyOf(Path privateKey) {
    return Path.of(privateKey + ".pub");
  }

  private static void requireExecutable(Path path, String debianPackage) {
    if (!Files.isExecutable(path)) {
      String name = path.getFileName().toString();
      throw new IllegalStateException(
          name + " not found at " + path + ": apt-get install " + debianPackage);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
