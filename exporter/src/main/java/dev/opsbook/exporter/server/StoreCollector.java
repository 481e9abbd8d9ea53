package dev.opsbook.exporter.server;

import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.schedule.CheckKey;
import dev.opsbook.exporter.schedule.CheckResult;
import dev.opsbook.exporter.schedule.SampleStore;
import dev.opsbook.spec.MetricNames;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@code /metrics} snapshot from the {@link SampleStore} at scrape time: the samples
 * of every check with the {@code host} label and the host's spec labels, the health of every
 * check, host reachability, and the exporter's own metrics.
 *
 * <p>No sample can make a scrape fail. A sample whose name and labels repeat an earlier one is
 * left out and counted in {@code opsbook_exporter_duplicate_samples_total}; a sample with an
 * invalid name, a type that contradicts the catalog or a negative counter is left out and counted
 * in {@code opsbook_exporter_invalid_samples_total}.
 *
 * <p>The host labels and cleaned label sets of a check result are prepared once per result and
 * reused by later scrapes until the check's next run replaces the result. The checks on
 * samples and the duplicate detection still run on every scrape.
 */
public final class StoreCollector implements MultiCollector {

  private static final Logger LOG = LoggerFactory.getLogger(StoreCollector.class);
  private static final Pattern VALID_METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final String TOTAL = "_total";
  private static final Duration WARNING_INTERVAL = Duration.ofMinutes(10);
  private static final int MAX_WARNING_KEYS = 1000;

  private final SampleStore store;
  private final Map<String, Map<String, String>> hostLabels;
  private final String version;
  private final Instant specLoadedAt;
  private final Clock clock;
  private final AtomicLong duplicateSamples = new AtomicLong();
  private final AtomicLong invalidSamples = new AtomicLong();
  private final ConcurrentMap<String, Instant> lastWarnings = new ConcurrentHashMap<>();
  private final ConcurrentMap<CheckKey, PreparedResult> prepared = new ConcurrentHashMap<>();
  /** Labels of the health metrics per check, which stay the same across results. */
  private final ConcurrentMap<CheckKey, Labels> healthLabels = new ConcurrentHashMap<>();

  /**
   * @param store the latest check results
   * @param hostLabels spec labels per host name, added to every sample of that host
   * @param version the exporter's version, for the build info metric
   * @param specLoadedAt when the spec was loaded
   * @param clock source of the time that rate-limits warnings
   */
  public StoreCollector(
      SampleStore store,
      Map<String, Map<String, String>> hostLabels,
      String version,
      Instant specLoadedAt,
      Clock clock) {
    this.store = store;
    this.hostLabels = Map.copyOf(hostLabels);
    this.version = version;
    this.specLoadedAt = specLoadedAt;
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() {
    SampleStore.Snapshot snapshot = store.snapshot();
    List<PreparedResult> results = prepare(snapshot.results());
    Families families = new Families();
    addExporterInfo(families);
    for (PreparedResult result : results) {
      result.health().forEach(families::add);
    }
    snapshot.hostUp().forEach(
        (host, up) -> families.add(gauge(MetricNames.HOST_UP, hostLabels(host), up ? 1 : 0)));
    for (PreparedResult result : results) {
      result.samples().forEach(families::add);
    }
    snapshot.skippedRuns().forEach(
        (key, count) ->
            families.add(
                Sample.counter(
                    MetricNames.EXPORTER_SKIPPED_RUNS_TOTAL, checkLabels(key), count)));
    // These two come last, so they include the samples this scrape left out.
    families.add(
        Sample.counter(
            MetricNames.EXPORTER_DUPLICATE_SAMPLES_TOTAL,
            Map.of(),
            duplicateSamples.addAndGet(families.duplicates)));
    families.add(
        Sample.counter(
            MetricNames.EXPORTER_INVALID_SAMPLES_TOTAL,
            Map.of(),
            invalidSamples.addAndGet(families.invalid)));
    return families.build();
  }

  private void addExporterInfo(Families families) {
    families.add(gauge(MetricNames.EXPORTER_BUILD_INFO, Map.of("version", version), 1));
    if (specLoadedAt != null) {
      families.add(
          gauge(
              MetricNames.EXPORTER_SPEC_LOAD_TIMESTAMP_SECONDS,
              Map.of(),
              specLoadedAt.toEpochMilli() / 1000.0));
    }
  }

  /**
   * Returns the prepared form of each result, reusing the one of the previous scrape while the
   * result is the same object, and drops the entries of checks no longer in the store.
   */
  private List<PreparedResult> prepare(List<CheckResult> results) {
    List<PreparedResult> list = new ArrayList<>(results.size());
    Set<CheckKey> keys = new HashSet<>();
    for (CheckResult result : results) {
      keys.add(result.key());
      PreparedResult cached = prepared.get(result.key());
      if (cached == null || cached.result() != result) {
        cached = new PreparedResult(result, checkHealth(result), withHost(result));
        prepared.put(result.key(), cached);
      }
      list.add(cached);
    }
    prepared.keySet().retainAll(keys);
    healthLabels.keySet().retainAll(keys);
    return list;
  }

  private List<PreparedSample> checkHealth(CheckResult result) {
    Labels labels =
        healthLabels.computeIfAbsent(
            result.key(), key -> PreparedSample.cleanLabels(checkLabels(key)));
    List<PreparedSample> health = new ArrayList<>(4);
    health.add(gauge(MetricNames.CHECK_SUCCESS, labels, result.success() ? 1 : 0));
    health.add(gauge(MetricNames.CHECK_DURATION_SECONDS, labels, result.durationSeconds()));
    if (result.lastSuccess() != null) {
      health.add(
          gauge(
              MetricNames.CHECK_LAST_SUCCESS_TIMESTAMP_SECONDS,
              labels,
              result.lastSuccess().toEpochMilli() / 1000.0));
    }
    if (!result.success()) {
      Map<String, String> failure = checkLabels(result.key());
      failure.put(MetricNames.LABEL_REASON, result.failureReason());
      health.add(
          PreparedSample.of(MetricNames.CHECK_FAILURE_INFO, Sample.Type.GAUGE, failure, 1));
    }
    return health;
  }

  private static PreparedSample gauge(String name, Labels labels, double value) {
    return new PreparedSample(name, Sample.Type.GAUGE, labels, value);
  }

  /** Returns the host, its spec labels and the check, plus the endpoint of an endpoint check. */
  private Map<String, String> checkLabels(CheckKey key) {
    Map<String, String> labels = hostLabels(key.host());
    labels.put(MetricNames.LABEL_CHECK, key.check());
    if (key.isEndpointCheck()) {
      labels.put(MetricNames.LABEL_ENDPOINT, key.endpoint());
    }
    return labels;
  }

  private Map<String, String> hostLabels(String host) {
    Map<String, String> labels = new HashMap<>(hostLabels.getOrDefault(host, Map.of()));
    labels.put(MetricNames.LABEL_HOST, host);
    return labels;
  }

  /**
   * Returns the result's samples with the host's labels. The sample's own labels win over the
   * spec's host labels, and the {@code host} label is always the scheduler's.
   */
  private List<PreparedSample> withHost(CheckResult result) {
    String host = result.key().host();
    Map<String, String> spec = hostLabels.getOrDefault(host, Map.of());
    List<PreparedSample> samples = new ArrayList<>(result.samples().size());
    for (Sample sample : result.samples()) {
      Map<String, String> labels = new HashMap<>(spec);
      labels.putAll(sample.labels());
      labels.put(MetricNames.LABEL_HOST, host);
      samples.add(PreparedSample.of(sample.name(), sample.type(), labels, sample.value()));
    }
    return samples;
  }

  private static Sample gauge(String name, Map<String, String> labels, double value) {
    return Sample.gauge(name, labels, value);
  }

  private void warn(String key, String message, Object... arguments) {
    Instant now = clock.instant();
    Instant last = lastWarnings.get(key);
    if (last != null && now.isBefore(last.plus(WARNING_INTERVAL))) {
      return;
    }
    if (last == null && lastWarnings.size() >= MAX_WARNING_KEYS) {
      return;
    }
    lastWarnings.put(key, now);
    LOG.warn(message, arguments);
  }

  /** Metric families of one scrape, keyed by their exposed name. */
  private final class Families {
    private final Map<String, Family> byName = new LinkedHashMap<>();
    /** Names each family claims: a counter claims its name with and without {@code _total}. */
    private final Map<String, Family> claimed = new HashMap<>();
    private long duplicates;
    private long invalid;

    void add(Sample sample) {
      add(PreparedSample.of(sample));
    }

    void add(PreparedSample sample) {
      String name = sample.name();
      if (sample.labels() == null) {
        invalid("invalid metric name \"" + name + "\"", name);
        return;
      }
      MetricCatalog.Entry entry = MetricCatalog.get(name);
      if (entry != null && entry.type() != sample.type()) {
        invalid(name + " is a " + entry.type() + " but a check sent a " + sample.type(), name);
        return;
      }
      if (sample.type() == Sample.Type.COUNTER
          && (Double.isNaN(sample.value()) || sample.value() < 0)) {
        invalid(name + " is a counter but a check sent " + sample.value(), name);
        return;
      }
      Family family = family(name, sample.type(), entry);
      if (family == null) {
        invalid(name + " collides with a metric of another type", name);
        return;
      }
      Labels labels = sample.labels();
      if (family.points.putIfAbsent(labels, sample.value()) != null) {
        duplicates++;
        warn(
            "duplicate " + name,
            "left out a duplicate sample of {}{}: an earlier sample has the same labels",
            name,
            labels);
      }
    }

    private Family family(String name, Sample.Type type, MetricCatalog.Entry entry) {
      String base =
          type == Sample.Type.COUNTER && name.endsWith(TOTAL)
              ? name.substring(0, name.length() - TOTAL.length())
              : name;
      Family existing = byName.get(base);
      if (existing != null) {
        return existing.type == type ? existing : null;
      }
      Set<String> claims = type == Sample.Type.COUNTER ? Set.of(base, base + TOTAL) : Set.of(base);
      for (String claim : claims) {
        if (claimed.containsKey(claim)) {
          return null;
        }
      }
      if (entry == null) {
        warn("unknown " + name, "metric {} has no catalog entry; served with a generic help", name);
      }
      String help = entry == null ? "Metric of the opsbook exporter." : entry.help();
      Family family = new Family(base, type, help);
      byName.put(base, family);
      claims.forEach(claim -> claimed.put(claim, family));
      return family;
    }

    private void invalid(String message, String name) {
      invalid++;
      warn("invalid " + name, "left out a sample: {}", message);
    }

    MetricSnapshots build() {
      List<MetricSnapshot> snapshots = new ArrayList<>();
      for (Family family : byName.values()) {
        try {
          snapshots.add(family.snapshot());
        } catch (IllegalArgumentException e) {
          // The checks above should make this unreachable; one broken family must not fail
          // the whole scrape.
          invalid += family.points.size();
          warn("family " + family.name, "left out metric {}: {}", family.name, e.getMessage());
        }
      }
      return new MetricSnapshots(snapshots);
    }
  }

  /** A check result with its samples in the form a scrape adds them. */
  private record PreparedResult(
      CheckResult result, List<PreparedSample> health, List<PreparedSample> samples) {}

  /**
   * A sample with its cleaned label set, or with {@code null} labels when its metric name is
   * invalid, so that a scrape neither matches the name nor cleans the labels again.
   */
  private record PreparedSample(String name, Sample.Type type, Labels labels, double value) {

    static PreparedSample of(Sample sample) {
      return of(sample.name(), sample.type(), sample.labels(), sample.value());
    }

    static PreparedSample of(
        String name, Sample.Type type, Map<String, String> labels, double value) {
      boolean validName = name != null && VALID_METRIC_NAME.matcher(name).matches();
      return new PreparedSample(name, type, validName ? cleanLabels(labels) : null, value);
    }

    static Labels cleanLabels(Map<String, String> raw) {
      Map<String, String> cleaned = new TreeMap<>();
      raw.forEach(
          (name, value) -> {
            String cleanName = LabelText.name(name);
            if (cleanName != null) {
              cleaned.putIfAbsent(cleanName, LabelText.value(value));
            }
          });
      return Labels.of(new ArrayList<>(cleaned.keySet()), new ArrayList<>(cleaned.values()));
    }
  }

  /** One metric family: a name, a type, a HELP text and its points, in insertion order. */
  private static final class Family {
    private final String name;
    private final Sample.Type type;
    private final String help;
    private final Map<Labels, Double> points = new LinkedHashMap<>();

    private Family(String name, Sample.Type type, String help) {
      this.name = name;
      this.type = type;
      this.help = help;
    }

    private MetricSnapshot snapshot() {
      if (type == Sample.Type.COUNTER) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        points.forEach(
            (labels, value) ->
                builder.dataPoint(
                    CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels)
                        .value(value)
                        .build()));
        return builder.build();
      }
      GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
      points.forEach(
          (labels, value) ->
              builder.dataPoint(
                  GaugeSnapshot.GaugeDataPointSnapshot.builder()
                      .labels(labels)
                      .value(value)
                      .build()));
      return builder.build();
    }
  }
}
