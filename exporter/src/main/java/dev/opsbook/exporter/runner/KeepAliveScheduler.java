package dev.opsbook.exporter.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends OpenSSH keepalive requests on many SSH connections from one daemon thread, in place of
 * the thread per connection that sshj's {@code KeepAliveRunner} starts.
 *
 * <p>Every interval, each registered connection gets a {@code keepalive@openssh.com} global
 * request that expects a reply. The thread does not wait for replies: it keeps the pending
 * requests and checks them on the next tick. A connection with {@code maxMisses} unanswered
 * requests is closed, so the next command on it reconnects. This is the rule of sshj 0.40.0's
 * {@code KeepAliveRunner}, whose default is 5 misses. OpenSSH replies to the request with
 * SSH_MSG_REQUEST_FAILURE, and any reply counts.
 */
final class KeepAliveScheduler implements AutoCloseable {

  /** Unanswered requests after which a connection is closed, as in sshj's KeepAliveRunner. */
  static final int DEFAULT_MAX_MISSES = 5;

  /** Name of the scheduler's thread. */
  static final String THREAD_NAME = "opsbook-ssh-keepalive";

  private static final Logger LOG = LoggerFactory.getLogger(KeepAliveScheduler.class);
  private static final String REQUEST = "keepalive@openssh.com";

  private final Duration interval;
  private final int maxMisses;
  private final Map<SSHClient, Tracked> connections = new ConcurrentHashMap<>();
  private final Object startLock = new Object();
  private ScheduledThreadPoolExecutor executor;
  private boolean closed;

  /** A connection and its requests without a reply yet, oldest first. */
  private record Tracked(String target, Queue<Promise<SSHPacket, ConnectionException>> pending) {}

  /**
   * Creates a scheduler. Its thread starts with the first registered connection.
   *
   * @param interval time between two requests on a connection; zero disables keepalive
   * @param maxMisses unanswered requests after which a connection is closed
   */
  KeepAliveScheduler(Duration interval, int maxMisses) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("keepalive interval must not be negative: " + interval);
    }
    if (maxMisses <= 0) {
      throw new IllegalArgumentException("maxMisses must be positive: " + maxMisses);
    }
    this.interval = interval;
    this.maxMisses = maxMisses;
  }

  /** Starts sending keepalive requests on an authenticated connection. */
  void register(SSHClient client, String target) {
    if (interval.isZero() || !startIfNeeded()) {
      return;
    }
    connections.put(client, new Tracked(target, new ArrayDeque<>()));
  }

  /** Stops sending keepalive requests on a connection without closing it. */
  void unregister(SSHClient client) {
    connections.remove(client);
  }

  /** Returns how many connections get keepalive requests. */
  int size() {
    return connections.size();
  }

  private boolean startIfNeeded() {
    synchronized (startLock) {
      if (closed) {
        return false;
      }
      if (executor == null) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
          Thread thread = new Thread(runnable, THREAD_NAME);
          thread.setDaemon(true);
          return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
      }
      return true;
    }
  }

  /** Checks and pings every connection. It catches every error because one would cancel it. */
  private void tick() {
    for (Map.Entry<SSHClient, Tracked> entry : connections.entrySet()) {
      try {
        ping(entry.getKey(), entry.getValue());
      } catch (RuntimeException e) {
        LOG.warn("keepalive on {} failed: {}", entry.getValue().target(), e.toString());
      }
    }
  }

  private void ping(SSHClient client, Tracked tracked) {
    if (!client.isConnected()) {
      connections.remove(client);
      return;
    }
    Queue<Promise<SSHPacket, ConnectionException>> pending = tracked.pending();
    while (!pending.isEmpty() && pending.peek().isFulfilled()) {
      pending.remove();
    }
    if (pending.size() >= maxMisses) {
      String detail = "no reply to " + maxMisses + " keepalive requests sent every "
          + interval.toMillis() + " ms";
      LOG.warn("SSH connection to {} is dead: {}; closing it", tracked.target(), detail);
      connections.remove(client);
      // die() fails the commands running on the connection with this message, as sshj does.
      client.getTransport().die(new ConnectionException(DisconnectReason.CONNECTION_LOST,
          detail));
      return;
    }
    try {
      // NOTE: the request is written on this thread, so a connection whose socket send buffer is
      // full delays the requests of the others. The exporter sends little data to hosts.
      pending.add(client.getConnection().sendGlobalRequest(REQUEST, true, new byte[0]));
    } catch (TransportException e) {
      LOG.info("SSH connection to {} is closed ({}); no more keepalive requests",
          tracked.target(), e.getMessage());
      connections.remove(client);
    }
  }

  /** Stops the thread. The connections stay open. */
  @Override
  public void close() {
    synchronized (startLock) {
      closed = true;
      if (executor != null) {
        executor.shutdownNow();
      }
    }
    connections.clear();
  }
}
