package dev.opsbook.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Alertmanager on 127.0.0.1 with clustering off and its own storage. */
final class AlertmanagerServer implements AutoCloseable {

  private final ChildProcess process;
  private final int port;

  private AlertmanagerServer(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts Alertmanager with {@code configYaml} in {@code dir}. */
  static AlertmanagerServer start(Path dir, String configYaml) throws IOException {
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, configYaml);
    Path storage = Files.createDirectories(dir.resolve("alertmanager-data"));
    ServerProcess.Started started =
        ServerProcess.start(
            "alertmanager",
            port ->
                List.of(
                    Tools.ALERTMANAGER.toString(),
                    "--config.file=" + config,
                    "--storage.path=" + storage,
                    "--web.listen-address=127.0.0.1:" + port,
                    // An empty address turns clustering off, so no gossip port is opened.
                    "--cluster.listen-address=",
                    "--log.level=info"),
            "/-/ready",
            dir.resolve("alertmanager.log"),
            Duration.ofSeconds(30));
    return new AlertmanagerServer(started.process(), started.port());
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  String url() {
    return "http://" + target();
  }

  String logTail() {
    return process.logTail(30);
  }

  @Override
  public void close() {
    process.close();
  }
}
