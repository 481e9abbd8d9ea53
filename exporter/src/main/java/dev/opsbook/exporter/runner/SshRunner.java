package dev.opsbook.exporter.runner;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.spec.model.Host;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on one host over SSH. It keeps one authenticated connection, opens a session
 * channel per command so that up to {@link SshSettings#maxSessionsPerHost()} commands run at once,
 * and reconnects with exponential backoff when the connection breaks.
 */
public final class SshRunner implements CommandRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SshRunner.class);

  private final Host host;
  private final String user;
  private final SshSettings settings;
  private final SshIdentities identities;
  private final KnownHosts knownHosts;
  private final Semaphore connectPermits;
  private final Semaphore sessionPermits;
  private final KeepAliveScheduler keepAlive;
  /** Whether this runner created {@link #keepAlive} and closes it. */
  private final boolean ownsKeepAlive;
  private final DefaultConfig config;
  private final AtomicInteger connectionsOpened = new AtomicInteger();

  private final Object connectionLock = new Object();
  private final Backoff backoff;
  /** Written under connectionLock; read without it by {@link #close()}. */
  private volatile SSHClient client;
  private CommandException lastFailure;
  private volatile boolean closed;
  /** Whether the current connection's host has a usable {@code timeout} command. */
  private volatile boolean remoteTimeout;

  SshRunner(
      Host host,
      SshSettings settings,
      SshIdentities identities,
      KnownHosts knownHosts,
      Semaphore connectPermits,
      KeepAliveScheduler keepAlive) {
    this(host, settings, identities, knownHosts, connectPermits, keepAlive, false);
  }

  /** Creates a runner with its own keepalive scheduler, closed with the runner. */
  SshRunner(
      Host host,
      SshSettings settings,
      SshIdentities identities,
      KnownHosts knownHosts,
      Semaphore connectPermits) {
    this(host, settings, identities, knownHosts, connectPermits,
        new KeepAliveScheduler(settings.keepAliveInterval(), KeepAliveScheduler.DEFAULT_MAX_MISSES),
        true);
  }

  private SshRunner(
      Host host,
      SshSettings settings,
      SshIdentities identities,
      KnownHosts knownHosts,
      Semaphore connectPermits,
      KeepAliveScheduler keepAlive,
      boolean ownsKeepAlive) {
    if (host.address() == null || host.address().isBlank()) {
      throw new IllegalArgumentException("host " + host.name() + " has no address for SSH");
    }
    this.host = host;
    this.user = host.user() != null ? host.user() : System.getProperty("user.name");
    this.settings = settings;
    this.identities = identities;
    this.knownHosts = knownHosts;
    this.connectPermits = connectPermits;
    this.sessionPermits = new Semaphore(settings.maxSessionsPerHost());
    this.keepAlive = keepAlive;
    this.ownsKeepAlive = ownsKeepAlive;
    this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(),
        () -> ThreadLocalRandom.current().nextDouble());
    // sshj's own keepalive stays disabled (interval 0), so it starts no thread per connection:
    // the shared KeepAliveScheduler sends the requests instead.
    this.config = new DefaultConfig();
    this.config.setLoggerFactory(SshjLoggers.INSTANCE);
  }

  /** Creates a standalone runner that loads the keys of the settings for itself. */
  public static SshRunner create(Host host, SshSettings settings) throws SshConfigException {
    return new SshRunner(host, settings, SshIdentities.load(settings),
        new KnownHosts(settings.knownHosts(), settings.hostKeyPolicy()), new Semaphore(1));
  }

  @Override
  public String hostName() {
    return host.name();
  }

  /** Returns how many SSH connections this runner has established so far. */
  public int connectionsOpened() {
    return connectionsOpened.get();
  }

  @Override
  public CommandResult run(String command, Duration timeout) throws CommandException {
    long deadline = System.nanoTime() + timeout.toNanos();
    acquire(sessionPermits, deadline,
        "all " + settings.maxSessionsPerHost() + " SSH sessions stayed busy");
    try {
      SSHClient connection = connection(deadline);
      Session session;
      try {
        session = connection.startSession();
      } catch (OpenFailException e) {
        throw failure(Reason.SSH_ERROR, "the server rejected a session: " + e.getMessage(), e);
      } catch (IOException | IllegalStateException e) {
        // The connection died while idle, for example because sshd restarted: reconnect once
        // at once, without backoff, since the host was reachable until now. sshj throws
        // IllegalStateException when the socket closed after connection() checked it.
        LOG.info("SSH connection to {} was lost ({}), reconnecting", target(), e.getMessage());
        discard(connection);
        connection = connection(deadline);
        session = openSession(connection);
      }
      SSHClient used = connection;
      Runnable onFailure = () -> {
        if (!used.isConnected()) {
          discard(used);
        }
      };
      return new RemoteCommand(session, settings.maxOutputBytes(), target(), onFailure)
          .run(remoteCommandLine(command, timeout, remoteTimeout), timeout, deadline);
    } finally {
      sessionPermits.release();
    }
  }

  /**
   * Returns the line sent to the server. sshd hands it to the user's login shell, which may not
   * be POSIX, so the command runs under {@code sh -c}. LC_ALL is set by {@code env} because
   * servers usually reject the SSH {@code env} request.
   *
   * <p>With {@code remoteTimeout}, the host's {@code timeout} kills the command one second after
   * the local timeout. The SSH {@code signal} request that the runner also sends does not reach
   * every command: OpenSSH 9.2 rejects it for root's sessions ("session signalling requires
   * privilege separation"), and closing the channel leaves the command running.
   */
  static String remoteCommandLine(String command, Duration timeout, boolean remoteTimeout) {
    String shell = "sh -c " + ShellQuote.quote(command);
    if (!remoteTimeout) {
      return "env LC_ALL=C " + shell;
    }
    return "env LC_ALL=C timeout -s KILL " + (ceilSeconds(timeout) + 1) + " " + shell;
  }

  /**
   * Returns whether the host has a {@code timeout} that takes {@code -s SIGNAL SECONDS}, as GNU
   * coreutils and newer busybox do. Older busybox takes {@code -t SECONDS} and would run the
   * number as the command, so it is tested once per connection instead of assumed.
   */
  private boolean probeRemoteTimeout(SSHClient connection) {
    Duration limit = settings.connectTimeout();
    try {
      Session session = connection.startSession();
      CommandResult result = new RemoteCommand(session, 4096, target(), () -> { })
          .run("env LC_ALL=C timeout -s KILL 5 true", limit, System.nanoTime() + limit.toNanos());
      return result.exitStatus() == 0;
    } catch (IOException | IllegalStateException | CommandException e) {
      LOG.debug("probing timeout on {} failed: {}", target(), e.toString());
      return false;
    }
  }

  private Session openSession(SSHClient connection) throws CommandException {
    try {
      return connection.startSession();
    } catch (IOException | IllegalStateException e) {
      discard(connection);
      throw failure(Reason.SSH_ERROR, "could not open a session: " + e.getMessage(), e);
    }
  }

  /** Returns the open connection, connecting first unless a recent failure is still backing off. */
  private SSHClient connection(long deadline) throws CommandException {
    synchronized (connectionLock) {
      if (closed) {
        throw failure(Reason.LOCAL_ERROR, "the runner is closed", null);
      }
      if (client != null && client.isConnected() && client.isAuthenticated()) {
        return client;
      }
      if (client != null) {
        keepAlive.unregister(client);
        closeQuietly(client);
        client = null;
      }
      Duration wait = backoff.remaining(System.nanoTime());
      if (!wait.isZero()) {
        throw new CommandException(lastFailure.reason(),
            lastFailure.getMessage() + "; next attempt in " + ceilSeconds(wait) + "s",
            lastFailure.getCause());
      }
      acquire(connectPermits, deadline, "no connection slot became free");
      try {
        client = new Connector(host, user, settings, identities, knownHosts, config).connect();
        remoteTimeout = probeRemoteTimeout(client);
        if (closed) {
          // close() ran during the connect and did not wait for it.
          closeQuietly(client);
          client = null;
          throw failure(Reason.LOCAL_ERROR, "the runner is closed", null);
        }
        keepAlive.register(client, target());
        connectionsOpened.incrementAndGet();
        backoff.recordSuccess();
        lastFailure = null;
        return client;
      } catch (CommandException e) {
        if (closed) {
          throw e;
        }
        Duration next = backoff.recordFailure(System.nanoTime());
        lastFailure = e;
        LOG.warn("{}; attempt {}, next attempt in {}s", e.getMessage(), backoff.failures(),
            ceilSeconds(next));
        throw new CommandException(e.reason(),
            e.getMessage() + "; next attempt in " + ceilSeconds(next) + "s", e.getCause());
      } finally {
        connectPermits.release();
      }
    }
  }

  /** Closes {@code connection} and, if it is the current one, makes the next run reconnect. */
  private void discard(SSHClient connection) {
    synchronized (connectionLock) {
      if (connection == client) {
        client = null;
      }
    }
    keepAlive.unregister(connection);
    closeQuietly(connection);
  }

  private void acquire(Semaphore semaphore, long deadline, String detail) throws CommandException {
    long waitNanos = Math.max(0, deadline - System.nanoTime());
    try {
      if (!semaphore.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
        throw failure(Reason.TIMEOUT, detail + " until the command timeout", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Reason.LOCAL_ERROR, "interrupted while waiting", e);
    }
  }

  private CommandException failure(Reason reason, String detail, Throwable cause) {
    return new CommandException(reason, "ssh to " + target() + ": " + detail, cause);
  }

  private String target() {
    return Connector.describe(host);
  }

  private static long ceilSeconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  static void closeQuietly(SSHClient connection) {
    try {
      connection.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing SSH connection to {} failed: {}", connection.getRemoteHostname(),
          e.toString());
    }
  }

  /**
   * Closes the connection without waiting for a connect in progress, which can take twice the
   * connect timeout plus the authentication. That connect closes its own connection when it
   * finishes.
   */
  @Override
  public void close() {
    closed = true;
    SSHClient current = client;
    if (current != null) {
      keepAlive.unregister(current);
      closeQuietly(current);
    }
    if (ownsKeepAlive) {
      keepAlive.close();
    }
  }
}
