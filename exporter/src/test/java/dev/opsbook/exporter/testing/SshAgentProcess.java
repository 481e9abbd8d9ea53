package dev.opsbook.exporter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real OpenSSH {@code ssh-agent} in the foreground on a socket in a temporary directory. */
public final class SshAgentProcess implements AutoCloseable {

  private static final Path SSH_AGENT = Path.of("/usr/bin/ssh-agent");
  private static final Path SSH_ADD = Path.of("/usr/bin/ssh-add");
  private static final Duration START_DEADLINE = Duration.ofSeconds(10);

  private final Path socket;
  private final Process process;

  private SshAgentProcess(Path socket, Process process) {
    this.socket = socket;
    this.process = process;
  }

  /** Starts ssh-agent with its socket in {@code directory} and waits until the socket exists. */
  public static SshAgentProcess start(Path directory) throws IOException {
    for (Path tool : new Path[] {SSH_AGENT, SSH_ADD}) {
      if (!Files.isExecutable(tool)) {
        throw new IllegalStateException(
            tool.getFileName() + " not found at " + tool + ": apt-get install openssh-client");
      }
    }
    Path socket = directory.resolve("agent.sock");
    Process process = new ProcessBuilder(SSH_AGENT.toString(), "-D", "-a", socket.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    SshAgentProcess agent = new SshAgentProcess(socket, process);
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (!Files.exists(socket)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        agent.close();
        throw new IOException("ssh-agent did not create " + socket + " within "
            + START_DEADLINE.toSeconds() + " s");
      }
      sleep(Duration.ofMillis(20));
    }
    return agent;
  }

  public Path socket() {
    return socket;
  }

  /** Adds an unencrypted private key to the agent with {@code ssh-add}. */
  public void add(Path privateKey) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(SSH_ADD.toString(), "-q", privateKey.toString())
        .redirectErrorStream(true);
    builder.environment().put("SSH_AUTH_SOCK", socket.toString());
    Process child = builder.start();
    child.getOutputStream().close();
    try {
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new IOException("ssh-add timed out after 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running ssh-add", e);
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (child.exitValue() != 0) {
      throw new IOException("ssh-add failed with status " + child.exitValue() + ": " + output);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
