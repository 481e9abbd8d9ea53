package dev.opsbook.exporter.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.MutableClock;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.schedule.CheckKey;
import dev.opsbook.exporter.schedule.SampleStore;
import dev.opsbook.spec.MetricNames;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreCollectorTest {

  private static final Instant LOADED = Instant.parse("2026-01-01T00:00:00Z");

  private final SampleStore store = new SampleStore();
  private final StoreCollector collector =
      new StoreCollector(
          store,
          Map.of("web-1", Map.of("env", "prod")),
          "1.2.3",
          LOADED,
          new MutableClock(LOADED));

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(out, collector.collect(), EscapingScheme.UNDERSCORE_ESCAPING);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Sample filesystemSize(double value) {
    return Sample.gauge(
        MetricNames.FILESYSTEM_SIZE_BYTES, Map.of(MetricNames.LABEL_MOUNTPOINT, "/"), value);
  }

  @Test
  void duplicateSeriesFromTwoChecksStayValid() throws Exception {
    store.recordSuccess(CheckKey.ofHost("web-1", "disk"), List.of(filesystemSize(100)), 0.1, LOADED);
    store.recordSuccess(
        CheckKey.ofHost("web-1", "disk_again"), List.of(filesystemSize(200)), 0.1, LOADED);

    String text = scrape();

    assertThat(text)
        .contains("opsbook_filesystem_size_bytes{env=\"prod\",host=\"web-1\",mountpoint=\"/\"} 100.0");
    assertThat(text).doesNotContain("} 200.0");
    assertThat(text).contains("opsbook_exporter_duplicate_samples_total 1.0");
    Promtool.Result result = Promtool.checkMetrics(text);
    assertThat(result.output()).isEmpty();
    assertThat(result.exitStatus()).isZero();
  }

  @Test
  void duplicateCounterGrowsPerScrape() throws Exception {
    store.recordSuccess(
        CheckKey.ofHost("web-1", "disk"), List.of(filesystemSize(1), filesystemSize(2)), 0.1, LOADED);

    scrape();

    assertThat(scrape()).contains("opsbook_exporter_duplicate_samples_total 2.0");
  }

  @Test
  void sampleLabelsWinOverHostLabels() throws Exception {
    StoreCollector withMountpoint =
        new StoreCollector(
            store,
            Map.of("web-1", Map.of("mountpoint", "spec-value")),
            "1.2.3",
            LOADED,
            new MutableClock(LOADED));
    store.recordSuccess(CheckKey.ofHost("web-1", "disk"), List.of(filesystemSize(1)), 0.1, LOADED);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(out, withMountpoint.collect(), EscapingScheme.UNDERSCORE_ESCAPING);
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(text)
        .contains("opsbook_filesystem_size_bytes{host=\"web-1\",mountpoint=\"/\"} 1.0");
    assertThat(text).contains("opsbook_check_success{check=\"disk\",host=\"web-1\","
        + "mountpoint=\"spec-value\"} 1.0");
  }

  @Test
  void hostLabelCannotBeOverriddenBySample() throws Exception {
    Sample sample =
        Sample.gauge(MetricNames.BACKUP_COUNT, Map.of(MetricNames.LABEL_HOST, "forged"), 3);
    store.recordSuccess(CheckKey.ofHost("web-1", "backups"), List.of(sample), 0.1, LOADED);

    assertThat(scrape()).contains("opsbook_backup_archives{env=\"prod\",host=\"web-1\"} 3.0");
  }

  @Test
  void counterIsExposedWithTotalSuffix() throws Exception {
    Sample counter =
        Sample.counter(MetricNames.JOURNAL_ERROR_LINES_TOTAL, Map.of(), 12);
    store.recordSuccess(CheckKey.ofHost("web-1", "journal"), List.of(counter), 0.1, LOADED);

    String text = scrape();

    assertThat(text).contains("# TYPE opsbook_journal_error_lines_total counter");
    assertThat(text).contains("opsbook_journal_error_lines_total{env=\"prod\",host=\"web-1\"} 12.0");
    assertThat(text).doesNotContain("_total_total");
  }

  @Test
  void controlCharactersInLabelValuesAreReplaced() throws Exception {
    Sample sample =
        Sample.gauge(
            MetricNames.SYSTEMD_UNIT_ACTIVE,
            Map.of(MetricNames.LABEL_UNIT, "bad\u0001unit\n\uD800x\"q\\"),
            1);
    store.recordSuccess(CheckKey.ofHost("web-1", "systemd"), List.of(sample), 0.1, LOADED);

    String text = scrape();

    assertThat(text).contains("unit=\"bad\uFFFDunit\uFFFD\uFFFDx\\\"q\\\\\"");
    assertThat(Promtool.checkMetrics(text).output()).isEmpty();
  }

  @Test
  void invalidSamplesAreLeftOutAndCounted() throws Exception {
    List<Sample> samples =
        List.of(
            Sample.gauge("not a name", Map.of(), 1),
            Sample.counter(MetricNames.FILESYSTEM_SIZE_BYTES, Map.of(), 1),
            Sample.counter(MetricNames.HOST_CPU_SECONDS_TOTAL, Map.of("mode", "idle"), -1),
            Sample.gauge(MetricNames.BACKUP_COUNT, Map.of("bad-label", "x", "__reserved", "y"), 4));
    store.recordSuccess(CheckKey.ofHost("web-1", "odd"), samples, 0.1, LOADED);

    String text = scrape();

    assertThat(text).contains("opsbook_exporter_invalid_samples_total 3.0");
    assertThat(text).contains("opsbook_backup_archives{_reserved=\"y\",bad_label=\"x\"");
    assertThat(Promtool.checkMetrics(text).output()).isEmpty();
  }

  @Test
  void gaugeCounterNameClashIsInvalid() throws Exception {
    List<Sample> samples =
        List.of(
            Sample.gauge("opsbook_test_things", Map.of(), 1),
            Sample.counter("opsbook_test_things_total", Map.of(), 2));
    store.recordSuccess(CheckKey.ofHost("web-1", "odd"), samples, 0.1, LOADED);

    String text = scrape();

    assertThat(text).contains("opsbook_test_things{");
    assertThat(text).doesNotContain("opsbook_test_things_total");
    assertThat(text).contains("opsbook_exporter_invalid_samples_total 1.0");
    ByteArrayOutputStream openMetrics = new ByteArrayOutputStream();
    OpenMetricsTextFormatWriter.create()
        .write(openMetrics, collector.collect(), EscapingScheme.UNDERSCORE_ESCAPING);
    assertThat(openMetrics.toString(StandardCharsets.UTF_8)).endsWith("# EOF\n");
  }

  @Test
  void failedCheckServesHealthAndKeepsCounters() throws Exception {
    CheckKey key = CheckKey.ofHost("web-1", "journal");
    Sample counter = Sample.counter(MetricNames.JOURNAL_ERROR_LINES_TOTAL, Map.of(), 12);
    Sample gauge = Sample.gauge(MetricNames.HOST_BOOT_TIMESTAMP_SECONDS, Map.of(), 1.7e9);
    store.recordSuccess(key, List.of(counter, gauge), 0.25, LOADED);
    store.recordFailure(key, "timeout", 60);
    store.recordHostUp("web-1", true);

    String text = scrape();

    assertThat(text).contains("opsbook_check_success{check=\"journal\",env=\"prod\",host=\"web-1\"} 0.0");
    assertThat(text)
        .contains(
            "opsbook_check_failure_info{check=\"journal\",env=\"prod\",host=\"web-1\","
                + "reason=\"timeout\"} 1.0");
    assertThat(text)
        .contains(
            "opsbook_check_last_success_timestamp_seconds{check=\"journal\",env=\"prod\","
                + "host=\"web-1\"} 1.7672256E9");
    assertThat(text).contains("opsbook_journal_error_lines_total{env=\"prod\",host=\"web-1\"} 12.0");
    assertThat(text).doesNotContain(MetricNames.HOST_BOOT_TIMESTAMP_SECONDS + "{");
    assertThat(text).contains("opsbook_host_up{env=\"prod\",host=\"web-1\"} 1.0");
  }

  @Test
  void everyCatalogMetricPassesPromtool() throws Exception {
    List<Sample> samples =
        MetricCatalog.all().entrySet().stream()
            .filter(entry -> !entry.getKey().startsWith(MetricNames.PREFIX + "exporter_"))
            .map(entry -> new Sample(entry.getKey(), entry.getValue().type(), Map.of("a", "b"), 1))
            .toList();
    store.recordSuccess(CheckKey.ofHost("web-1", "all"), samples, 0.1, LOADED);
    store.recordSuccess(
        new CheckKey(MetricNames.HOST_EXPORTER, "tls", "api.example.com:443"), List.of(), 0.1, LOADED);
    store.recordFailure(CheckKey.ofHost("web-1", "disk"), "parse_error", 0.5);
    store.recordHostUp("web-1", false);
    store.recordSkippedRun(CheckKey.ofHost("web-1", "all"));

    String text = scrape();

    assertThat(text).contains("opsbook_exporter_skipped_runs_total{check=\"all\"");
    assertThat(text).contains("endpoint=\"api.example.com:443\"");
    assertThat(text).contains("opsbook_exporter_build_info{version=\"1.2.3\"} 1.0");
    assertThat(text).contains("opsbook_exporter_spec_load_timestamp_seconds 1.7672256E9");
    Promtool.Result result = Promtool.checkMetrics(text);
    assertThat(result.output()).isEmpty();
    assertThat(result.exitStatus()).isZero();
  }
}
