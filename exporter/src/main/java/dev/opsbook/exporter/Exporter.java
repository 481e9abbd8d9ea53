package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.runner.CommandRunner;
import dev.opsbook.exporter.runner.SshConfigException;
import dev.opsbook.exporter.schedule.FailureLog;
import dev.opsbook.exporter.schedule.SampleStore;
import dev.opsbook.exporter.schedule.ScheduledCheck;
import dev.opsbook.exporter.schedule.Scheduler;
import dev.opsbook.exporter.server.ExporterServer;
import dev.opsbook.exporter.server.LandingPage;
import dev.opsbook.exporter.server.ListenAddress;
import dev.opsbook.exporter.server.StoreCollector;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exporter instance: the runners of its hosts, the scheduler, the sample store, the metrics
 * registry and, once started, the HTTP server.
 */
public final class Exporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
  private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(10);

  /**
   * The spec and hosts that the exporter checks.
   *
   * @param spec the loaded spec
   * @param specFile the spec path as given, shown on the landing page
   * @param specLoadedAt when the spec was loaded
   * @param hosts the hosts to check
   */
  public record Target(Spec spec, String specFile, Instant specLoadedAt, List<Host> hosts) {
    public Target {
      hosts = List.copyOf(hosts);
    }
  }

  private final List<CommandRunner> runners;
  private final Scheduler scheduler;
  private final PrometheusRegistry registry;
  private final LandingPage landingPage;
  private ExporterServer server;

  private Exporter(
      List<CommandRunner> runners,
      Scheduler scheduler,
      PrometheusRegistry registry,
      LandingPage landingPage) {
    this.runners = runners;
    this.scheduler = scheduler;
    this.registry = registry;
    this.landingPage = landingPage;
  }

  /**
   * Opens a runner per host and builds every check; nothing runs until a start method.
   *
   * @throws SshConfigException when the SSH keys or passphrase cannot be loaded
   * @throws IllegalArgumentException naming the value when a spec value cannot be used
   */
  public static Exporter create(
      Target target,
      RunnerFactory runnerFactory,
      CheckProvider checkProvider,
      Scheduler.Settings settings,
      Clock clock)
      throws SshConfigException {
    Map<String, Host> hosts = new LinkedHashMap<>();
    for (Host host : target.hosts()) {
      if (hosts.putIfAbsent(host.name(), host) != null) {
        LOG.warn("host {} is listed twice; only the first entry is checked", host.name());
      }
    }
    // Build the checks first: an invalid spec value then fails before any runner exists.
    Map<String, List<HostCheck>> hostChecks = new LinkedHashMap<>();
    for (Host host : hosts.values()) {
      hostChecks.put(host.name(), checkProvider.hostChecks(target.spec(), host));
    }
    List<EndpointCheck> endpointChecks = checkProvider.endpointChecks(target.spec());

    List<CommandRunner> runners = runnerFactory.open(List.copyOf(hosts.values()));
    List<ScheduledCheck> checks = new ArrayList<>();
    for (CommandRunner runner : runners) {
      for (HostCheck check : hostChecks.getOrDefault(runner.hostName(), List.of())) {
        checks.add(ScheduledCheck.ofHost(check, runner));
      }
    }
    for (EndpointCheck check : endpointChecks) {
      checks.add(ScheduledCheck.ofEndpoint(check));
    }

    SampleStore store = new SampleStore();
    for (Host host : hosts.values()) {
      if (host.isLocal()) {
        // The local machine needs no connection, so it is reachable by definition.
        store.recordHostUp(host.name(), true);
      }
    }
    Scheduler scheduler =
        new Scheduler(
            checks,
            store,
            settings,
            new FailureLog(clock, FAILURE_LOG_INTERVAL),
            clock,
            new SplittableRandom());
    Map<String, Map<String, String>> hostLabels = new LinkedHashMap<>();
    hosts.values().forEach(host -> hostLabels.put(host.name(), host.labels()));
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new StoreCollector(store, hostLabels, Version.get(), target.specLoadedAt(), clock));
    LandingPage landingPage =
        new LandingPage(Version.get(), target.specFile(), hostLabels, checks, store);
    LOG.info(
        "exporter configured: hosts={} ({}), checks={}, spec {}",
        hosts.size(),
        String.join(" ", hosts.keySet()),
        checks.size(),
        target.specFile());
    return new Exporter(runners, scheduler, registry, landingPage);
  }

  /** Starts the scheduler and the HTTP server. */
  public ListenAddress start(ListenAddress listen) throws IOException {
    scheduler.start();
    server = ExporterServer.start(listen, registry, scheduler::isRunning, landingPage::render);
    return server.address();
  }

  /**
   * Runs every check once and returns the {@code /metrics} text.
   *
   * @param deadline how long to wait for the checks; a check still running after it is served
   *     as failed with reason {@code timeout} only if its own timeout passed, else as absent
   */
  public String runOnce(Duration deadline) throws InterruptedException {
    if (!scheduler.runAllOnce(deadline)) {
      LOG.warn("not every check finished within {} s", deadline.toSeconds());
    }
    return scrapeText();
  }

  /** Returns the current {@code /metrics} body in the Prometheus text format 0.0.4. */
  public String scrapeText() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create()
          .write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Returns the HTTP server's bound address, or {@code null} before {@link #start}. */
  public ListenAddress address() {
    return server == null ? null : server.address();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Stops the scheduler, closes the runners and stops the HTTP server, in that order. */
  @Override
  public void close() {
    scheduler.close();
    for (CommandRunner runner : runners) {
      try {
        runner.close();
      } catch (RuntimeException e) {
        LOG.warn("could not close the runner of host {}: {}", runner.hostName(), e.toString());
      }
    }
    if (server != null) {
      server.close();
    }
  }
}
