package dev.opsbook.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1. */
final class Ports {

  private Ports() {}

  /**
   * Returns a port that was free a moment ago. Another process may take it before the caller
   * binds it, so callers retry their start on a new port when the bind fails.
   */
  static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
