package dev.opsbook.exporter.runner;

import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.spec.model.Host;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/** Opens and authenticates one SSH connection, and turns each failure into a {@link Reason}. */
final class Connector {

  private final Host host;
  private final String user;
  private final SshSettings settings;
  private final SshIdentities identities;
  private final KnownHosts knownHosts;
  private final DefaultConfig config;

  Connector(Host host, String user, SshSettings settings, SshIdentities identities,
      KnownHosts knownHosts, DefaultConfig config) {
    this.host = host;
    this.user = user;
    this.settings = settings;
    this.identities = identities;
    this.knownHosts = knownHosts;
    this.config = config;
  }

  /** Returns {@code name (address:port)}, or {@code address:port} when the two are equal. */
  static String describe(Host host) {
    String endpoint = host.address() + ":" + host.port();
    return host.name().equals(host.address()) ? endpoint : host.name() + " (" + endpoint + ")";
  }

  SSHClient connect() throws CommandException {
    KnownHosts.Verifier verifier;
    try {
      verifier = knownHosts.newVerifier();
    } catch (IOException e) {
      throw failure(Reason.LOCAL_ERROR,
          "could not read known_hosts file " + knownHosts.file() + ": " + e.getMessage(), e);
    }
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    SSHClient client = new SSHClient(config);
    client.setConnectTimeout(timeoutMillis);
    client.getTransport().setTimeoutMs(timeoutMillis);
    client.getConnection().setTimeoutMs(timeoutMillis);
    client.addHostKeyVerifier(verifier);
    openTransport(client, verifier);
    try {
      client.auth(user, identities.authMethods());
      return client;
    } catch (UserAuthException e) {
      SshRunner.closeQuietly(client);
      throw failure(Reason.AUTH_FAILED, "authentication as user " + user
          + " failed: the server accepted none of the configured keys", e);
    } catch (TransportException e) {
      SshRunner.closeQuietly(client);
      throw failure(Reason.UNREACHABLE, "connection lost during authentication: "
          + e.getMessage(), e);
    }
  }

  /**
   * Connects and runs the SSH handshake. The TCP connect and the handshake together get twice
   * the connect timeout, after which the watchdog closes the socket.
   */
  private void openTransport(SSHClient client, KnownHosts.Verifier verifier)
      throws CommandException {
    Duration limit = settings.connectTimeout().multipliedBy(2);
    try (HandshakeWatchdog watchdog = new HandshakeWatchdog(limit)) {
      client.setSocketFactory(watchdog);
      try {
        client.connect(host.address(), host.port());
      } catch (IOException e) {
        SshRunner.closeQuietly(client);
        if (watchdog.fired()) {
          throw failure(Reason.UNREACHABLE, "no SSH handshake within " + limit.toMillis()
              + " ms: the port accepts TCP connections, but the server does not speak SSH", e);
        }
        throw connectFailure(e, verifier);
      }
    }
  }

  private CommandException connectFailure(IOException e, KnownHosts.Verifier verifier) {
    if (e instanceof TransportException transport
        && transport.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
      return hostKeyFailure(verifier, e);
    }
    if (verifier.outcome() == KnownHosts.Outcome.CHANGED
        || verifier.outcome() == KnownHosts.Outcome.UNKNOWN) {
      // sshj may report a rejected key as a generic transport error.
      return hostKeyFailure(verifier, e);
    }
    if (e instanceof UnknownHostException) {
      return failure(Reason.UNREACHABLE, "unknown host name " + host.address(), e);
    }
    if (e instanceof NoRouteToHostException) {
      return failure(Reason.UNREACHABLE, "no route to host", e);
    }
    if (e instanceof ConnectException) {
      return failure(Reason.UNREACHABLE, "connection refused", e);
    }
    if (e instanceof SocketTimeoutException) {
      return failure(Reason.UNREACHABLE,
          "connect timed out after " + settings.connectTimeout().toMillis() + " ms", e);
    }
    if (e instanceof TransportException && hasCause(e, TimeoutException.class)) {
      return failure(Reason.UNREACHABLE, "SSH handshake timed out after "
          + settings.connectTimeout().toMillis() + " ms", e);
    }
    if (e instanceof TransportException) {
      return failure(Reason.SSH_ERROR, "SSH handshake failed: " + e.getMessage(), e);
    }
    return failure(Reason.UNREACHABLE, e.toString(), e);
  }

  private CommandException hostKeyFailure(KnownHosts.Verifier verifier, Throwable cause) {
    String file = knownHosts.file().toString();
    if (verifier.writeFailure() != null) {
      return failure(Reason.HOST_KEY_UNKNOWN, "host key " + verifier.presentedKey()
          + " is not in " + file + " and could not be added: "
          + verifier.writeFailure().getMessage(), cause);
    }
    if (verifier.outcome() == KnownHosts.Outcome.CHANGED) {
      return failure(Reason.HOST_KEY_CHANGED, "host key " + verifier.presentedKey()
          + " does not match the key in " + file + "; if the host was reinstalled, remove the"
          + " old entry with ssh-keygen -R '" + HostKeys.knownHostsName(host.address(),
              host.port()) + "' -f " + file + " and verify the new key", cause);
    }
    return failure(Reason.HOST_KEY_UNKNOWN, "host key " + verifier.presentedKey()
        + " is not in " + file + "; verify the fingerprint and add the key, for example with"
        + " ssh-keyscan -p " + host.port() + " " + host.address() + " >> " + file
        + ", or use the accept-new host key policy", cause);
  }

  private CommandException failure(Reason reason, String detail, Throwable cause) {
    return new CommandException(reason, "ssh to " + describe(host) + ": " + detail, cause);
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
