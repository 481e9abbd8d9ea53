import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.schedule.CheckKey;
import dev.opsbook.exporter.schedule.SampleStore;
import dev.opsbook.exporter.server.StoreCollector;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures the exporter's scrape path without SSH: fills a SampleStore with samples shaped like
 * the bench spec's six checks for N hosts, then times registry scrape plus text rendering, the
 * work behind one GET /metrics. Mode "unchanged" scrapes the same results again, as a scrape
 * does when no check ran since the previous one; mode "fresh" records every result anew before
 * each scrape, as after a full round of checks.
 *
 * <p>Run with the exporter jar on the class path:
 * {@code java -cp exporter/target/exporter.jar bench/ScrapeCost.java [HOSTS] [SCRAPES]}
 */
public final class ScrapeCost {

  private static final String[] CPU_MODES =
      {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

  public static void main(String[] args) throws IOException {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    SampleStore store = new SampleStore();
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new StoreCollector(store, Map.of(), "bench", Instant.now(), Clock.systemUTC()));
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    for (String mode : List.of("unchanged", "fresh")) {
      fill(store, hosts);
      int bytes = 0;
      long[] nanos = new long[scrapes];
      // Warm-up of the JIT, not measured.
      for (int i = 0; i < 50; i++) {
        bytes = scrape(registry, writer);
      }
      for (int i = 0; i < scrapes; i++) {
        if (mode.equals("fresh")) {
          fill(store, hosts);
        }
        long start = System.nanoTime();
        bytes = scrape(registry, writer);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf(
          "hosts=%d mode=%s scrapes=%d bytes=%d p50_ms=%.1f p99_ms=%.1f min_ms=%.1f%n",
          hosts, mode, scrapes, bytes, nanos[scrapes / 2] / 1e6,
          nanos[(int) Math.ceil(scrapes * 0.99) - 1] / 1e6, nanos[0] / 1e6);
    }
  }

  private static int scrape(PrometheusRegistry registry, PrometheusTextFormatWriter writer)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    writer.write(out, registry.scrape());
    return out.size();
  }

  private static void fill(SampleStore store, int hosts) {
    Instant now = Instant.now();
    for (int h = 1; h <= hosts; h++) {
      String host = String.format("bench-%03d", h);
      store.recordSuccess(CheckKey.ofHost(host, "filesystem"), filesystem(), 0.05, now);
      store.recordSuccess(CheckKey.ofHost(host, "certificate_files"), certificates(), 0.05, now);
      store.recordSuccess(CheckKey.ofHost(host, "backups"), backups(), 0.05, now);
      store.recordSuccess(CheckKey.ofHost(host, "backup_integrity"), integrity(), 0.05, now);
      store.recordSuccess(CheckKey.ofHost(host, "journal"), journal(h), 0.05, now);
      store.recordSuccess(CheckKey.ofHost(host, "host"), hostStats(h), 0.05, now);
    }
  }

  private static List<Sample> filesystem() {
    List<Sample> samples = new ArrayList<>();
    for (String path : List.of("/", "/tmp", "/tmp/opsbook-bench.x/data")) {
      Map<String, String> labels =
          Map.of("device", "overlay", "mountpoint", "/", "fstype", "overlay", "path", path);
      samples.add(Sample.gauge("opsbook_filesystem_size_bytes", labels, 1.0e11));
      samples.add(Sample.gauge("opsbook_filesystem_used_bytes", labels, 4.0e10));
      samples.add(Sample.gauge("opsbook_filesystem_avail_bytes", labels, 6.0e10));
    }
    return samples;
  }

  private static List<Sample> certificates() {
    String path = "/tmp/opsbook-bench.x/data/tls/bench.crt";
    Map<String, String> labels =
        Map.of("path", path, "index", "0", "subject", "CN=bench.opsbook.test",
            "issuer", "CN=bench.opsbook.test");
    return List.of(
        Sample.gauge("opsbook_certificate_not_after_timestamp_seconds", labels, 1.77e9),
        Sample.gauge("opsbook_certificate_not_before_timestamp_seconds", labels, 1.76e9),
        Sample.gauge(
            "opsbook_certificate_file_earliest_not_after_timestamp_seconds",
            Map.of("path", path), 1.77e9));
  }

  private static List<Sample> backups() {
    List<Sample> samples = new ArrayList<>();
    for (String tier : List.of("daily", "weekly")) {
      Map<String, String> labels = Map.of("tier", tier);
      samples.add(Sample.gauge("opsbook_backup_archives", labels, 3));
      samples.add(Sample.gauge("opsbook_backup_size_bytes", labels, 196608));
      samples.add(Sample.gauge("opsbook_backup_newest_timestamp_seconds", labels, 1.76e9));
    }
    return samples;
  }

  private static List<Sample> integrity() {
    return List.of(
        Sample.gauge("opsbook_backup_newest_intact", Map.of("tier", "daily"), 1),
        Sample.gauge("opsbook_backup_newest_intact", Map.of("tier", "weekly"), 1));
  }

  private static List<Sample> journal(int host) {
    return List.of(
        Sample.counter("opsbook_journal_error_lines_total", Map.of(), 40 + host),
        Sample.counter("opsbook_journal_pattern_lines_total", Map.of("pattern", "critical"), 8),
        Sample.counter(
            "opsbook_journal_pattern_lines_total", Map.of("pattern", "connection_reset"), 32));
  }

  private static List<Sample> hostStats(int host) {
    List<Sample> samples = new ArrayList<>();
    samples.add(Sample.gauge("opsbook_host_boot_timestamp_seconds", Map.of(), 1.76e9));
    samples.add(
        Sample.gauge(
            "opsbook_host_boot_info", Map.of("boot_id", "0123456789abcdef" + host), 1));
    for (String mode : CPU_MODES) {
      samples.add(
          Sample.counter("opsbook_host_cpu_seconds_total", Map.of("mode", mode), 1234.5 + host));
    }
    samples.add(Sample.gauge("opsbook_host_memory_total_bytes", Map.of(), 2.5e10));
    samples.add(Sample.gauge("opsbook_host_memory_available_bytes", Map.of(), 2.3e10));
    return samples;
  }
}
