package dev.opsbook.exporter.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Closes the socket of a connection attempt whose SSH handshake does not finish in time. sshj
 * reads the server's identification line with a blocking read and no timeout, so a server that
 * accepts TCP and never writes would hold the connecting thread forever. A socket read timeout
 * cannot bound it, because sshj's reader thread keeps reading the same socket after the
 * handshake and would die on the first idle period.
 */
final class HandshakeWatchdog extends SocketFactory implements AutoCloseable {

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "ssh-handshake-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  private final ScheduledFuture<?> alarm;
  private Socket socket;
  private boolean fired;
  private boolean stopped;

  /** Starts the watch: the socket created through this factory is closed after {@code limit}. */
  HandshakeWatchdog(Duration limit) {
    this.alarm = TIMER.schedule(this::fire, limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns whether the limit passed and the socket was closed. */
  synchronized boolean fired() {
    return fired;
  }

  /** Stops the watch and leaves the socket open. */
  @Override
  public synchronized void close() {
    stopped = true;
    alarm.cancel(false);
  }

  private synchronized void fire() {
    if (stopped) {
      return;
    }
    fired = true;
    closeQuietly(socket);
  }

  private synchronized Socket track(Socket created) {
    socket = created;
    if (fired) {
      closeQuietly(created);
    }
    return created;
  }

  private static void closeQuietly(Socket target) {
    if (target == null) {
      return;
    }
    try {
      target.close();
    } catch (IOException e) {
      // The socket is unusable either way, and the connect attempt reports the failure.
    }
  }

  @Override
  public Socket createSocket() throws IOException {
    return track(new Socket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return track(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return track(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return track(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return track(new Socket(address, port, localAddress, localPort));
  }
}
