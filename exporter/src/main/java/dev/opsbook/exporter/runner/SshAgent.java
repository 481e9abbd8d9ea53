package dev.opsbook.exporter.runner;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;
import net.schmizz.sshj.userauth.method.AuthMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of an ssh-agent over its UNIX socket, speaking the agent protocol of
 * draft-miller-ssh-agent: list identities (message 11) and sign (message 13). sshj 0.40 has no
 * agent support of its own, and Java 16+ opens UNIX sockets without native libraries.
 */
final class SshAgent {

  private static final Logger LOG = LoggerFactory.getLogger(SshAgent.class);

  private static final byte AGENT_FAILURE = 5;
  private static final byte REQUEST_IDENTITIES = 11;
  private static final byte IDENTITIES_ANSWER = 12;
  private static final byte SIGN_REQUEST = 13;
  private static final byte SIGN_RESPONSE = 14;
  private static final int RSA_SHA2_256 = 2;
  private static final int RSA_SHA2_512 = 4;
  /** Agent replies are a few KiB at most, so a larger length means a broken stream. */
  private static final int MAX_MESSAGE_BYTES = 256 * 1024;

  private final Path socket;

  SshAgent(Path socket) {
    this.socket = socket;
  }

  /** One key the agent holds. */
  record Identity(byte[] blob, PublicKey publicKey, String comment) {}

  /**
   * Returns one authentication method per agent key. An agent that cannot be reached is logged
   * and contributes no method, so key files still get tried.
   */
  List<AuthMethod> authMethods() {
    List<AuthMethod> methods = new ArrayList<>();
    try {
      for (Identity identity : identities()) {
        methods.add(new AgentAuthMethod(identity));
      }
    } catch (IOException e) {
      LOG.warn("could not list keys of ssh-agent at {}: {}", socket, e.getMessage());
    }
    return methods;
  }

  List<Identity> identities() throws IOException {
    Buffer.PlainBuffer reply = call(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES));
    byte type = reply.readByte();
    if (type != IDENTITIES_ANSWER) {
      throw new IOException("ssh-agent sent response type " + type + " to a key list request");
    }
    try {
      long count = reply.readUInt32();
      List<Identity> identities = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        byte[] blob = reply.readBytes();
        String comment = reply.readString(StandardCharsets.UTF_8);
        PublicKey key = keyOf(blob);
        if (key != null) {
          identities.add(new Identity(blob, key, comment));
        }
      }
      return identities;
    } catch (Buffer.BufferException e) {
      throw new IOException("ssh-agent sent a malformed key list", e);
    }
  }

  /** Returns the SSH signature blob ({@code string algorithm, string signature}) of the data. */
  byte[] sign(byte[] keyBlob, byte[] data, String algorithm) throws IOException {
    int flags = switch (algorithm) {
      case "rsa-sha2-256" -> RSA_SHA2_256;
      case "rsa-sha2-512" -> RSA_SHA2_512;
      default -> 0;
    };
    Buffer.PlainBuffer request = new Buffer.PlainBuffer()
        .putByte(SIGN_REQUEST)
        .putBytes(keyBlob)
        .putBytes(data)
        .putUInt32(flags);
    Buffer.PlainBuffer reply = call(request);
    byte type = reply.readByte();
    if (type == AGENT_FAILURE) {
      throw new IOException("ssh-agent failed to sign with the key");
    }
    if (type != SIGN_RESPONSE) {
      throw new IOException("ssh-agent sent response type " + type + " to a sign request");
    }
    try {
      return reply.readBytes();
    } catch (Buffer.BufferException e) {
      throw new IOException("ssh-agent sent a malformed signature", e);
    }
  }

  private Buffer.PlainBuffer call(Buffer.PlainBuffer message) throws IOException {
    byte[] body = message.getCompactData();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
      while (out.hasRemaining()) {
        channel.write(out);
      }
      ByteBuffer header = readFully(channel, 4);
      int length = header.getInt();
      if (length <= 0 || length > MAX_MESSAGE_BYTES) {
        throw new IOException("ssh-agent sent an invalid message length " + length);
      }
      ByteBuffer reply = readFully(channel, length);
      return new Buffer.PlainBuffer(reply.array());
    }
  }

  private static ByteBuffer readFully(SocketChannel channel, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("ssh-agent closed the socket mid-message");
      }
    }
    return buffer.flip();
  }

  private static PublicKey keyOf(byte[] blob) {
    try {
      return new Buffer.PlainBuffer(blob).readPublicKey();
    } catch (Buffer.BufferException | RuntimeException e) {
      // Agents may hold key types sshj cannot parse, such as security keys; skip those.
      LOG.debug("skipping an ssh-agent key that sshj cannot parse: {}", e.toString());
      return null;
    }
  }

  /**
   * The {@code publickey} method of RFC 4252 section 7 with the agent as signer. It first sends
   * the key without a signature. Once the server replies PK_OK, it sends the request signed
   * over the session id and the request bytes.
   */
  private final class AgentAuthMethod extends AbstractAuthMethod {

    private final Identity identity;
    private String algorithm;

    private AgentAuthMethod(Identity identity) {
      super("publickey");
      this.identity = identity;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
      return request(false);
    }

    @Override
    public void handle(Message message, SSHPacket packet)
        throws UserAuthException, TransportException {
      if (message != Message.USERAUTH_60) {
        super.handle(message, packet);
        return;
      }
      SSHPacket request = request(true);
      byte[] signed = new Buffer.PlainBuffer()
          .putString(params.getTransport().getSessionID())
          .putBuffer(request)
          .getCompactData();
      try {
        request.putBytes(sign(identity.blob(), signed, algorithm));
      } catch (IOException e) {
        throw new UserAuthException("ssh-agent at " + socket + " could not sign: "
            + e.getMessage(), e);
      }
      params.getTransport().write(request);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
      if (algorithm == null) {
        algorithm = chooseAlgorithm();
      }
      return super.buildReq()
          .putBoolean(signed)
          .putString(algorithm)
          .putBytes(identity.blob());
    }

    private String chooseAlgorithm() throws UserAuthException {
      KeyType type = KeyType.fromKey(identity.publicKey());
      try {
        var algorithms = params.getTransport().getClientKeyAlgorithms(type);
        if (algorithms.isEmpty()) {
          throw new UserAuthException("no signature algorithm for agent key type " + type);
        }
        return algorithms.get(0).getKeyAlgorithm();
      } catch (TransportException e) {
        throw new UserAuthException("no signature algorithm for agent key type " + type, e);
      }
    }
  }
}
