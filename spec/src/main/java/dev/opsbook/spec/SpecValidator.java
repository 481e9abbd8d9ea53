package dev.opsbook.spec;

import dev.opsbook.spec.BurnRateWindows.WindowPair;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.Spec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a bound spec: value ranges, names, and rules that span several fields. Fields that
 * the binder already reported are skipped, so each mistake is reported once.
 */
final class SpecValidator {

  /**
   * Labels that the generated SLO rules set themselves, so an SLO must not set them. The
   * burn-rate alerts of an SLO share one name and differ only in {@code severity} and
   * {@code window}.
   */
  static final Set<String> RESERVED_LABELS =
      Set.of("alertname", "severity", "service", "slo", "window");

  /**
   * Labels of the series that the operational alerts read: the exporter's labels, and
   * {@code job} and {@code instance} from the scrape. A rule label overwrites the series label
   * of the same name, so a spec label such as {@code host} would merge the alerts of all hosts.
   */
  static final Set<String> SERIES_LABELS =
      Set.of(
          MetricNames.LABEL_HOST,
          MetricNames.LABEL_CHECK,
          MetricNames.LABEL_REASON,
          MetricNames.LABEL_DEVICE,
          MetricNames.LABEL_MOUNTPOINT,
          MetricNames.LABEL_FSTYPE,
          MetricNames.LABEL_PATH,
          MetricNames.LABEL_ENDPOINT,
          MetricNames.LABEL_INDEX,
          MetricNames.LABEL_SUBJECT,
          MetricNames.LABEL_ISSUER,
          MetricNames.LABEL_TIER,
          MetricNames.LABEL_UNIT,
          MetricNames.LABEL_PATTERN,
          MetricNames.LABEL_STATE,
          MetricNames.LABEL_ACTIVE_STATE,
          MetricNames.LABEL_SUB_STATE,
          MetricNames.LABEL_LOAD_STATE,
          MetricNames.LABEL_MODE,
          MetricNames.LABEL_COMPONENT,
          MetricNames.LABEL_BOOT_ID,
          "version",
          "job",
          "instance");

  /** Labels that the spec's top-level labels must not set, because they reach every rule. */
  static final Set<String> RESERVED_SPEC_LABELS = union(RESERVED_LABELS, SERIES_LABELS);

  /**
   * Labels that a host's labels must not set. Host labels reach the operational alerts through
   * the samples, and the exporter keeps a sample's own label over a host label of the same name.
   */
  static final Set<String> RESERVED_HOST_LABELS = RESERVED_SPEC_LABELS;

  private final Problems problems;

  private SpecValidator(Problems problems) {
    this.problems = problems;
  }

  static void validate(Spec spec, Problems problems) {
    SpecValidator validator = new SpecValidator(problems);
    validator.topLevel(spec);
    validator.slos(spec.slos());
    validator.hosts(spec.hosts());
    new ChecksValidator(problems).validate(spec.checks());
    if (spec.alerting() != null) {
      new AlertingValidator(problems).validate(spec.alerting());
    }
  }

  private void topLevel(Spec spec) {
    if (spec.service() != null) {
      report("service", Rules.slug("service name", spec.service()));
    }
    labels("labels", spec.labels(), RESERVED_SPEC_LABELS);
    if (spec.runbookUrl() != null) {
      report("runbook_url", Rules.httpUrl("runbook URL", spec.runbookUrl()));
    }
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> all = new HashSet<>(first);
    all.addAll(second);
    return Set.copyOf(all);
  }

  /** Validates label names and values, rejecting names that the generated rules set. */
  void labels(String path, Map<String, String> labels, Set<String> reserved) {
    labels.forEach(
        (name, value) -> {
          String labelPath = FieldPath.child(path, name);
          Optional<String> nameProblem = Rules.labelName(name);
          if (nameProblem.isEmpty() && reserved.contains(name)) {
            nameProblem = Optional.of(reservedLabelMessage(name));
          }
          report(labelPath, nameProblem);
          report(labelPath, Rules.safeText("label value", value));
        });
  }

  private static String reservedLabelMessage(String name) {
    if (SERIES_LABELS.contains(name)) {
      return "label " + Quoted.of(name) + " is already a label of the series that opsbook's"
          + " alerts read, so the two would clash; choose another name";
    }
    return "label " + Quoted.of(name) + " is set by opsbook itself; choose another name";
  }

  private void slos(List<Slo> slos) {
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < slos.size(); i++) {
      Slo slo = slos.get(i);
      String path = FieldPath.index("slos", i);
      if (slo.name() != null) {
        Integer first = firstIndex.putIfAbsent(slo.name(), i);
        if (first != null) {
          problems.add(
              FieldPath.child(path, "name"),
              "duplicate SLO name "
                  + Quoted.of(slo.name())
                  + ", first used by slos["
                  + first
                  + "]; give each SLO its own name");
        }
      }
      slo(slo, path);
    }
  }

  private void slo(Slo slo, String path) {
    if (slo.name() != null) {
      report(FieldPath.child(path, "name"), Rules.slug("SLO name", slo.name()));
    }
    if (slo.description() != null) {
      report(FieldPath.child(path, "description"), Rules.description(slo.description()));
    }
    if (slo.minEvents() < 0) {
      problems.add(
          FieldPath.child(path, "min_events"),
          "min_events " + slo.minEvents() + " is negative; write 0 to disable the guard");
    }
    labels(FieldPath.child(path, "labels"), slo.labels(), RESERVED_LABELS);
    boolean windowValid = slo.window() != null && window(slo.window(), path);
    boolean objectiveValid = objective(slo.objectivePercent(), path);
    if (windowValid && objectiveValid) {
      burnRates(slo, path);
    }
    if (slo.sli() != null) {
      new SliValidator(problems).validate(slo.sli(), FieldPath.child(path, "sli"));
    }
  }

  private boolean window(PromDuration window, String path) {
    PromDuration maxLongWindow = BurnRateWindows.MAX_LONG_WINDOW;
    if (window.compareTo(maxLongWindow) <= 0) {
      problems.add(
          FieldPath.child(path, "window"),
          "window "
              + window
              + " is too short; it must be longer than "
              + maxLongWindow
              + ", the longest burn-rate alert window, such as 30d");
      return false;
    }
    return true;
  }

  private boolean objective(double objective, String path) {
    if (Double.isNaN(objective)) {
      return false;
    }
    String objectivePath = FieldPath.child(path, "objective");
    String text = Rules.number(objective);
    if (objective == 100) {
      problems.add(
          objectivePath,
          "objective 100 leaves no error budget, so every failed event breaks the SLO and the"
              + " burn rate is undefined; use at most 99.999");
      return false;
    }
    if (objective <= 0 || objective > 100) {
      problems.add(
          objectivePath,
          "objective "
              + text
              + " is outside (0, 100); write a percentage such as 99.9 for 99.9 %");
      return false;
    }
    return true;
  }

  /** Rejects an objective so low that the fastest burn-rate alert could never fire. */
  private void burnRates(Slo slo, String path) {
    WindowPair pair = BurnRateWindows.highestFactor(slo.window());
    double budget = slo.errorBudget();
    if (pair.factor() * budget < 1) {
      return;
    }
    double minObjective = Math.ceil(100_000 * (1 - pair.maxErrorBudget())) / 1000;
    StringBuilder message =
        new StringBuilder("objective ")
            .append(Rules.number(slo.objectivePercent()))
            .append(" leaves an error budget of ")
            .append(Rules.number(roundToDigits(budget * 100, 12)))
            .append(" %, so the ")
            .append(Rules.number(pair.factor()))
            .append("x burn-rate alert (")
            .append(pair.severity().label())
            .append(", ")
            .append(pair.longWindow())
            .append(" and ")
            .append(pair.shortWindow())
            .append(" windows) would need more than 100 % of events to fail and can never fire;");
    Optional<PromDuration> maxWindow = maxWindow(slo.window(), pair.factor() * budget);
    // An objective below 100 can still be raised, but from 100 on only a shorter window helps.
    if (minObjective < 100) {
      message.append(" raise the objective above ").append(Rules.number(minObjective));
      maxWindow.ifPresent(window -> message.append(" or shorten window to ").append(window));
    } else {
      maxWindow.ifPresent(window -> message.append(" shorten window to ").append(window));
    }
    problems.add(FieldPath.child(path, "objective"), message.toString());
  }

  /** Rounds away the binary noise of 100 - objective, such as 0.09999999999999432. */
  private static double roundToDigits(double value, int digits) {
    return new BigDecimal(value).round(new MathContext(digits)).doubleValue();
  }

  /**
   * Returns the maximum whole-hour window for which the alert can fire, if it is longer than
   * the maximum long window. The factor grows linearly with the window.
   */
  private static Optional<PromDuration> maxWindow(PromDuration window, double factorTimesBudget) {
    long hour = 3_600_000;
    double limitMillis = window.millis() / factorTimesBudget;
    long hours = (long) Math.floor(limitMillis / hour);
    if (hours * hour >= limitMillis) {
      hours--;
    }
    if (hours * hour <= BurnRateWindows.MAX_LONG_WINDOW.millis()) {
      return Optional.empty();
    }
    return Optional.of(new PromDuration(hours * hour));
  }

  private void hosts(List<Host> hosts) {
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < hosts.size(); i++) {
      Host host = hosts.get(i);
      String path = FieldPath.index("hosts", i);
      if (host.name() != null) {
        Integer first = firstIndex.putIfAbsent(host.name(), i);
        if (first != null) {
          problems.add(
              FieldPath.child(path, "name"),
              "duplicate host name "
                  + Quoted.of(host.name())
                  + ", first used by hosts["
                  + first
                  + "]; give each host its own name");
        }
      }
      host(host, path);
    }
  }

  private void host(Host host, String path) {
    if (host.name() == null) {
      return;
    }
    report(FieldPath.child(path, "name"), Rules.hostName(host.name()));
    if (host.isLocal()) {
      localHost(path);
    } else if (host.address() == null) {
      missingAddress(path);
    } else {
      report(FieldPath.child(path, "address"), Rules.address(host.address()));
    }
    if (host.user() != null) {
      report(FieldPath.child(path, "user"), Rules.user(host.user()));
    }
    labels(FieldPath.child(path, "labels"), host.labels(), RESERVED_HOST_LABELS);
  }

  /** Rejects SSH settings on the local host, which the exporter reaches without SSH. */
  private void localHost(String path) {
    for (String key : List.of("address", "user", "port")) {
      String keyPath = FieldPath.child(path, key);
      if (problems.isPresent(keyPath)) {
        problems.add(
            keyPath,
            "the host named \"local\" is the exporter's own machine, reached without SSH;"
                + " remove "
                + key
                + ", or rename the host to reach it over SSH");
      }
    }
  }

  private void missingAddress(String path) {
    problems.add(
        FieldPath.child(path, "address"),
        "missing required key \"address\"; add the DNS name or IP address that the exporter"
            + " reaches over SSH, or name the host \"local\" for the exporter's own machine");
  }

  private void report(String path, Optional<String> message) {
    message.ifPresent(text -> problems.add(path, text));
  }
}
