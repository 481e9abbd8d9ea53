package dev.opsbook.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The exporter's shaded jar, run as its own JVM as an operator would run it. */
final class ExporterProcess implements AutoCloseable {

  private final ChildProcess process;
  private final int port;

  private ExporterProcess(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Returns the jar that the build put in {@code exporter/target}. */
  static Path jar() {
    String property = System.getProperty("opsbook.exporter.jar");
    if (property == null) {
      throw new IllegalStateException(
          "system property opsbook.exporter.jar is not set; run the test through Maven");
    }
    Path jar = Path.of(property);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with mvn -pl exporter -am"
          + " package, or run mvn -pl e2e -am verify");
    }
    return jar;
  }

  static ExporterProcess start(Path dir, Path spec, Path knownHosts, Path identity)
      throws IOException {
    Path jar = jar();
    ServerProcess.Started started =
        ServerProcess.start(
            "exporter",
            port ->
                List.of(
                    Tools.java().toString(),
                    "-Xmx256m",
                    "-jar",
                    jar.toString(),
                    "--spec=" + spec,
                    "--listen=127.0.0.1:" + port,
                    "--known-hosts=" + knownHosts,
                    "--identity=" + identity),
            "/metrics",
            dir.resolve("exporter.log"),
            Duration.ofSeconds(60));
    return new ExporterProcess(started.process(), started.port());
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  String url() {
    return "http://" + target();
  }

  String logTail() {
    return process.logTail(40);
  }

  @Override
  public void close() {
    process.close();
  }
}
