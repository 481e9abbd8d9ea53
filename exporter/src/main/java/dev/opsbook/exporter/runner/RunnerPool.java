package dev.opsbook.exporter.runner;

import dev.opsbook.spec.model.Host;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command runner per spec host: a {@link LocalRunner} for {@code local}, an {@link SshRunner}
 * for every other host. All SSH runners share the keys, the known_hosts file and a bound on how
 * many connections are being established at once, so that a cold start over hundreds of hosts
 * does not block hundreds of threads in connect. They also share one {@link KeepAliveScheduler}
 * thread. Closing the pool closes every runner.
 */
public final class RunnerPool implements AutoCloseable {

  /** Default bound on connections being established at the same time. */
  public static final int DEFAULT_MAX_CONCURRENT_CONNECTS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(RunnerPool.class);

  private final Map<String, CommandRunner> runners;
  private final KeepAliveScheduler keepAlive;

  private RunnerPool(Map<String, CommandRunner> runners, KeepAliveScheduler keepAlive) {
    this.runners = runners;
    this.keepAlive = keepAlive;
  }

  /**
   * Creates runners for the hosts. Keys are loaded and decrypted here, once, and only when at
   * least one host is remote; connections are opened on each runner's first command.
   *
   * @throws SshConfigException when a remote host exists and the SSH keys cannot be loaded
   * @throws IllegalArgumentException when two hosts have the same name or a remote host has no
   *     address
   */
  public static RunnerPool create(
      Collection<Host> hosts, SshSettings settings, int maxConcurrentConnects)
      throws SshConfigException {
    if (maxConcurrentConnects <= 0) {
      throw new IllegalArgumentException(
          "maxConcurrentConnects must be positive: " + maxConcurrentConnects);
    }
    boolean anyRemote = hosts.stream().anyMatch(host -> !host.isLocal());
    SshIdentities identities = anyRemote ? SshIdentities.load(settings) : null;
    KnownHosts knownHosts = new KnownHosts(settings.knownHosts(), settings.hostKeyPolicy());
    Semaphore connectPermits = new Semaphore(maxConcurrentConnects);
    KeepAliveScheduler keepAlive = new KeepAliveScheduler(settings.keepAliveInterval(),
        KeepAliveScheduler.DEFAULT_MAX_MISSES);
    Map<String, CommandRunner> runners = new LinkedHashMap<>();
    try {
      for (Host host : hosts) {
        CommandRunner runner = host.isLocal()
            ? new LocalRunner(host.name(), settings.maxOutputBytes())
            : new SshRunner(host, settings, identities, knownHosts, connectPermits, keepAlive);
        if (runners.putIfAbsent(host.name(), runner) != null) {
          runner.close();
          throw new IllegalArgumentException("host name " + host.name() + " is listed twice");
        }
      }
    } catch (RuntimeException e) {
      runners.values().forEach(CommandRunner::close);
      keepAlive.close();
      throw e;
    }
    return new RunnerPool(runners, keepAlive);
  }

  public static RunnerPool create(Collection<Host> hosts, SshSettings settings)
      throws SshConfigException {
    return create(hosts, settings, DEFAULT_MAX_CONCURRENT_CONNECTS);
  }

  /**
   * Returns the runner of a host.
   *
   * @throws IllegalArgumentException when the pool has no host of that name
   */
  public CommandRunner runner(String hostName) {
    CommandRunner runner = runners.get(hostName);
    if (runner == null) {
      throw new IllegalArgumentException("no runner for host " + hostName);
    }
    return runner;
  }

  /** Returns every runner, in the order the hosts were given. */
  public List<CommandRunner> runners() {
    return new ArrayList<>(runners.values());
  }

  /**
   * Closes every runner and stops the keepalive thread; one runner that fails to close does not
   * keep the others open.
   */
  @Override
  public void close() {
    for (CommandRunner runner : runners.values()) {
      try {
        runner.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the runner of host {} failed: {}", runner.hostName(), e.toString());
      }
    }
    keepAlive.close();
  }
}
