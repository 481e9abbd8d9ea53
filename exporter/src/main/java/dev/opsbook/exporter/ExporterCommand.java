package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.runner.SshConfigException;
import dev.opsbook.exporter.runner.SshSettings;
import dev.opsbook.exporter.schedule.Scheduler;
import dev.opsbook.exporter.server.ListenAddress;
import dev.opsbook.spec.Problem;
import dev.opsbook.spec.SpecException;
import dev.opsbook.spec.SpecLoader;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

/** The {@code exporter} command line. */
@Command(
    name = "exporter",
    mixinStandardHelpOptions = true,
    versionProvider = ExporterCommand.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs the checks of an opsbook spec on its hosts over SSH, or on this machine, and serves"
          + " the results on /metrics for Prometheus.",
      "",
      "With no hosts in the spec, or with --local, only this machine is checked."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:--once printed the metrics, or --help or --version",
      "1:the exporter failed while running, such as a listen address in use",
      "2:invalid command line, spec or SSH key, such as a missing key file or a wrong"
          + " passphrase",
      "130:stopped cleanly by SIGINT (Ctrl-C)",
      "143:stopped cleanly by SIGTERM; a systemd unit needs SuccessExitStatus=143"
    })
public final class ExporterCommand implements Callable<Integer> {

  static final int EXIT_RUNTIME_ERROR = 1;
  static final int EXIT_USAGE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(ExporterCommand.class);

  @CommandLine.Spec(Target.SELF)
  private CommandLine.Model.CommandSpec commandSpec;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      defaultValue = "slo-spec.yaml",
      description = "Spec file with the hosts and checks (default: ${DEFAULT-VALUE}).")
  private Path specFile;

  @Option(
      names = "--local",
      description =
          "Check only this machine, without SSH, whatever hosts the spec lists. TLS and status"
              + " endpoint probes are skipped too.")
  private boolean local;

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      defaultValue = ":" + ListenAddress.DEFAULT_PORT,
      description =
          "HTTP listen address, HOST:PORT, [IPV6]:PORT, or :PORT for every interface"
              + " (default: ${DEFAULT-VALUE}).")
  private String listen;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "known_hosts file that host keys are verified against (default:"
              + " ~/.ssh/known_hosts).")
  private Path knownHosts;

  @Option(
      names = "--accept-new-host-keys",
      description =
          "Trust the key of a host missing from known_hosts on first connect and add it to the"
              + " file. A changed key is always rejected.")
  private boolean acceptNewHostKeys;

  @Option(
      names = {"-i", "--identity"},
      paramLabel = "FILE",
      description =
          "Private key file for SSH; repeat for more keys. When given, only these keys are"
              + " used; without it, the default keys in ~/.ssh and the SSH agent"
              + " (SSH_AUTH_SOCK) are used.")
  private List<Path> identities = new ArrayList<>();

  @ArgGroup(exclusive = true)
  private PassphraseSource passphraseSource;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "16",
      description = "Maximum number of checks that run at once (default: ${DEFAULT-VALUE}).")
  private int workers;

  @Option(
      names = "--check-timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "Upper bound of a run's time: a run gets its check's interval, at most this long, plus"
              + " 30 s, before it counts as failed with reason timeout and is interrupted. Such"
              + " as 30s or 2m (default: ${DEFAULT-VALUE}).")
  private Duration checkTimeout;

  @Option(
      names = "--once",
      description = "Run every check once, print the /metrics text to stdout and exit.")
  private boolean once;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "INFO",
      description = "Log level: ERROR, WARN, INFO, DEBUG or TRACE (default: ${DEFAULT-VALUE}).")
  private String logLevel;

  private final SpecSource specSource;
  private final Function<SshSettings, RunnerFactory> runnerFactories;
  private final CheckProvider checkProvider;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<Exporter> running = new AtomicReference<>();
  private volatile Thread shutdownHook;

  /** Source of the identity files' passphrase: an environment variable or a file, not both. */
  static final class PassphraseSource {
    @Option(
        names = "--passphrase-env",
        paramLabel = "NAME",
        description = "Environment variable that contains the passphrase of the identity files.")
    String environmentVariable;

    @Option(
        names = "--passphrase-file",
        paramLabel = "FILE",
        description = "File whose first line is the passphrase of the identity files.")
    Path file;
  }

  /** Reads a spec file. */
  @FunctionalInterface
  interface SpecSource {
    Spec load(Path file) throws SpecException;
  }

  /**
   * @param specSource reads the spec file
   * @param runnerFactories builds the runner factory from the SSH settings
   * @param checkProvider builds the checks from the spec
   * @param clock the clock for timestamps
   */
  ExporterCommand(
      SpecSource specSource,
      Function<SshSettings, RunnerFactory> runnerFactories,
      CheckProvider checkProvider,
      Clock clock) {
    this.specSource = specSource;
    this.runnerFactories = runnerFactories;
    this.checkProvider = checkProvider;
    this.clock = clock;
  }

  /** Returns the command line with the production runners and checks. */
  public static CommandLine commandLine() {
    return commandLine(
        new ExporterCommand(
            SpecLoader::load,
            Wiring.runnerFactories(),
            Wiring.checkProvider(Clock.systemUTC()),
            Clock.systemUTC()));
  }

  static CommandLine commandLine(ExporterCommand command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // One line per mistake, as for the checks in call(), instead of picocli's full usage text.
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          PrintWriter err = exception.getCommandLine().getErr();
          String message = exception.getMessage().replaceFirst("^Error: ", "");
          err.println("error: " + message);
          err.println("Run 'exporter --help' for the options.");
          return EXIT_USAGE;
        });
    return commandLine;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = commandSpec.commandLine().getErr();
    if (!Logging.setLevel(logLevel)) {
      err.println(
          "error: invalid --log-level \"" + logLevel + "\": use ERROR, WARN, INFO, DEBUG or TRACE");
      return EXIT_USAGE;
    }
    if (workers < 1) {
      err.println("error: invalid --workers " + workers + ": use 1 or more");
      return EXIT_USAGE;
    }
    ListenAddress listenAddress;
    try {
      listenAddress = ListenAddress.parse(listen);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USAGE;
    }

    Instant loadedAt = clock.instant();
    Spec spec;
    try {
      spec = specSource.load(specFile);
    } catch (SpecException e) {
      err.println("error: invalid spec " + specFile + ":");
      for (Problem problem : e.problems()) {
        err.println("  " + problem);
      }
      return EXIT_USAGE;
    }
    List<Host> hosts = local ? List.of(Host.local()) : spec.effectiveHosts();

    Scheduler.Settings settings =
        new Scheduler.Settings(
            workers,
            checkTimeout,
            Scheduler.Settings.DEFAULT.timeoutGrace(),
            Scheduler.Settings.DEFAULT.maxInitialOffset(),
            Scheduler.Settings.DEFAULT.shutdownGrace());
    Exporter exporter;
    try {
      exporter =
          Exporter.create(
              new Exporter.Target(spec, specFile.toString(), loadedAt, hosts),
              runnerFactories.apply(sshSettings()),
              local ? withoutEndpointChecks(checkProvider) : checkProvider,
              settings,
              clock);
    } catch (SshConfigException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USAGE;
    }
    if (once) {
      return runOnce(exporter);
    }
    return serve(exporter, listenAddress, err);
  }

  private int runOnce(Exporter exporter) throws InterruptedException {
    try (exporter) {
      // Each run ends by its own timeout at the latest; the margin covers the queue.
      String text =
          exporter.runOnce(exporter.scheduler().longestRunTimeout().plusSeconds(5));
      PrintWriter out = commandSpec.commandLine().getOut();
      out.print(text);
      out.flush();
    }
    return 0;
  }

  private int serve(Exporter exporter, ListenAddress listenAddress, PrintWriter err)
      throws InterruptedException {
    ListenAddress bound;
    try {
      bound = exporter.start(listenAddress);
    } catch (IOException e) {
      exporter.close();
      err.println(
          "error: could not listen on "
              + listenAddress
              + ": "
              + e.getMessage()
              + "; pick another address with --listen");
      return EXIT_RUNTIME_ERROR;
    }
    running.set(exporter);
    shutdownHook = new Thread(this::stop, "exporter-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    LOG.info("exporter {} started on {}", Version.get(), bound);
    stopped.await();
    return 0;
  }

  /**
   * Stops a running exporter: the shutdown hook calls this on SIGTERM or SIGINT. Returns once the
   * scheduler, the runners and the HTTP server are stopped.
   */
  void stop() {
    Exporter exporter = running.getAndSet(null);
    if (exporter == null) {
      return;
    }
    LOG.info("stopping the exporter");
    long start = System.nanoTime();
    exporter.close();
    LOG.info("exporter stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    stopped.countDown();
    Thread hook = shutdownHook;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook, which now returns at once.
      }
    }
  }

  /** Returns the running exporter, or {@code null} before the start and after the stop. */
  Exporter runningExporter() {
    return running.get();
  }

  /** Returns the provider without its endpoint probes, which check other machines. */
  private static CheckProvider withoutEndpointChecks(CheckProvider provider) {
    return new CheckProvider() {
      @Override
      public List<HostCheck> hostChecks(Spec spec, Host host) {
        return provider.hostChecks(spec, host);
      }

      @Override
      public List<EndpointCheck> endpointChecks(Spec spec) {
        int skipped = provider.endpointChecks(spec).size();
        if (skipped > 0) {
          LOG.info("--local: skipping {} endpoint checks of the spec", skipped);
        }
        return List.of();
      }
    };
  }

  /** Returns the SSH settings: the runner's defaults with the command-line options applied. */
  private SshSettings sshSettings() {
    SshSettings settings = SshSettings.defaults();
    SshSettings.HostKeyPolicy policy =
        acceptNewHostKeys ? SshSettings.HostKeyPolicy.ACCEPT_NEW : SshSettings.HostKeyPolicy.STRICT;
    settings =
        settings.withKnownHosts(knownHosts != null ? knownHosts : settings.knownHosts(), policy);
    if (!identities.isEmpty()) {
      settings = settings.withIdentities(identities);
    }
    if (passphraseSource != null && passphraseSource.environmentVariable != null) {
      settings = settings.withPassphraseEnv(passphraseSource.environmentVariable);
    } else if (passphraseSource != null && passphraseSource.file != null) {
      settings = settings.withPassphraseFile(passphraseSource.file);
    }
    return settings;
  }

  /** Parses Prometheus durations such as {@code 30s} for duration options. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return PromDuration.parse(value).toDuration();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Prints the exporter's version for {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"opsbook exporter " + Version.get()};
    }
  }
}
