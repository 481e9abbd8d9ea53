package dev.opsbook.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/** Starts a server program on a free port and waits until its readiness URL returns 200. */
final class ServerProcess {

  private static final int START_ATTEMPTS = 3;

  private ServerProcess() {}

  /**
   * A started server.
   *
   * @param process the running program
   * @param port the port it listens on
   */
  record Started(ChildProcess process, int port) {}

  /**
   * Starts the program on a free port. When it exits before it is ready, for example because
   * another process took the port, it is started again on a new port, up to three times.
   *
   * @param command the command line for a port
   * @param readyPath path whose GET returns 200 once the server is ready, such as {@code
   *     /-/ready}
   */
  static Started start(
      String name, IntFunction<List<String>> command, String readyPath, Path log, Duration deadline)
      throws IOException {
    String lastError = "";
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = Ports.free();
      ChildProcess process = ChildProcess.start(name, command.apply(port), log);
      String url = "http://127.0.0.1:" + port + readyPath;
      long end = System.nanoTime() + deadline.toNanos();
      while (process.isAlive() && System.nanoTime() < end && !Http.isOk(url)) {
        Waits.sleep(Duration.ofMillis(100));
      }
      if (process.isAlive() && Http.isOk(url)) {
        return new Started(process, port);
      }
      lastError = process.logTail(20);
      boolean exited = !process.isAlive();
      process.close();
      if (!exited) {
        throw new IOException(name + " did not answer " + url + " within "
            + deadline.toSeconds() + " s; log " + log + ":\n" + lastError);
      }
    }
    throw new IOException(name + " exited before it was ready, " + START_ATTEMPTS
        + " times; log " + log + ":\n" + lastError);
  }
}
