package dev.opsbook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus on 127.0.0.1 that scrapes and evaluates every second, loads the generated
 * rule files and sends alerts to one Alertmanager.
 */
final class PrometheusServer implements AutoCloseable {

  /** The scrape job of the exporter; the generated exporter alerts match this name. */
  static final String EXPORTER_JOB = "opsbook-exporter";

  private final ChildProcess process;
  private final int port;
  private final ObjectMapper json = new ObjectMapper();

  private PrometheusServer(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Prometheus.
   *
   * @param dir working directory for the configuration, the TSDB and the log
   * @param ruleFiles the rule files to load
   * @param exporterTarget {@code host:port} of the exporter
   * @param serviceJob scrape job name of the service; its own {@code job} labels are kept
   * @param serviceTarget {@code host:port} of the service
   * @param alertmanagerTarget {@code host:port} of Alertmanager
   */
  static PrometheusServer start(
      Path dir,
      List<Path> ruleFiles,
      String exporterTarget,
      String serviceJob,
      String serviceTarget,
      String alertmanagerTarget)
      throws IOException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config, config(ruleFiles, exporterTarget, serviceJob, serviceTarget, alertmanagerTarget));
    Path storage = Files.createDirectories(dir.resolve("tsdb"));
    ServerProcess.Started started =
        ServerProcess.start(
            "prometheus",
            port ->
                List.of(
                    Tools.PROMETHEUS.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + storage,
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=info"),
            "/-/ready",
            dir.resolve("prometheus.log"),
            Duration.ofSeconds(30));
    return new PrometheusServer(started.process(), started.port());
  }

  private static String config(
      List<Path> ruleFiles,
      String exporterTarget,
      String serviceJob,
      String serviceTarget,
      String alertmanagerTarget) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("global:\n")
        .append("  scrape_interval: 1s\n")
        .append("  scrape_timeout: 1s\n")
        .append("  evaluation_interval: 1s\n")
        .append("rule_files:\n");
    for (Path file : ruleFiles) {
      yaml.append("  - ").append(quote(file.toString())).append('\n');
    }
    yaml.append("alerting:\n")
        .append("  alertmanagers:\n")
        .append("    - static_configs:\n")
        .append("        - targets: [").append(quote(alertmanagerTarget)).append("]\n")
        .append("scrape_configs:\n")
        .append("  - job_name: ").append(quote(EXPORTER_JOB)).append('\n')
        .append("    static_configs:\n")
        .append("      - targets: [").append(quote(exporterTarget)).append("]\n")
        .append("  - job_name: ").append(quote(serviceJob)).append('\n')
        .append("    honor_labels: true\n")
        .append("    static_configs:\n")
        .append("      - targets: [").append(quote(serviceTarget)).append("]\n");
    return yaml.toString();
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Returns the {@code data.result} array of an instant query. */
  JsonNode query(String promql) throws IOException {
    String url = url() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    JsonNode root = json.readTree(Http.get(url).body());
    if (!"success".equals(root.path("status").asText())) {
      throw new IOException("query " + promql + " failed: " + root);
    }
    return root.path("data").path("result");
  }

  /** Returns the health of every scrape target as {@code job=health} pairs. */
  String targetHealth() throws IOException {
    JsonNode root = json.readTree(Http.get(url() + "/api/v1/targets").body());
    StringBuilder health = new StringBuilder();
    for (JsonNode target : root.path("data").path("activeTargets")) {
      health.append(target.path("labels").path("job").asText())
          .append('=')
          .append(target.path("health").asText())
          .append(' ')
          .append(target.path("lastError").asText())
          .append("; ");
    }
    return health.toString();
  }

  /** Returns the rule groups' health and errors, empty when every rule evaluates. */
  String ruleErrors() throws IOException {
    JsonNode root = json.readTree(Http.get(url() + "/api/v1/rules").body());
    StringBuilder errors = new StringBuilder();
    for (JsonNode group : root.path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (!"ok".equals(rule.path("health").asText())) {
          errors.append(rule.path("name").asText()).append(": ")
              .append(rule.path("lastError").asText()).append('\n');
        }
      }
    }
    return errors.toString();
  }

  /** Returns the number of rules loaded over all groups. */
  int ruleCount() throws IOException {
    JsonNode root = json.readTree(Http.get(url() + "/api/v1/rules").body());
    int count = 0;
    for (JsonNode group : root.path("data").path("groups")) {
      count += group.path("rules").size();
    }
    return count;
  }

  String logTail() {
    return process.logTail(30);
  }

  @Override
  public void close() {
    process.close();
  }
}
