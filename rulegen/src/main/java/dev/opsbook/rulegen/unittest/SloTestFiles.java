package dev.opsbook.rulegen.unittest;

import dev.opsbook.rulegen.model.AlertingRule;
import dev.opsbook.rulegen.model.RecordingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.rulegen.slo.SloSeries;
import dev.opsbook.spec.BurnRateWindows;
import dev.opsbook.spec.model.Severity;
import dev.opsbook.spec.model.Slo;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * promtool tests of the burn-rate alerts of one SLO. Every window pair gets two test groups. At a
 * burn just above its factor the pair is pending one evaluation before its {@code for} ends,
 * fires when it ends, and resolves soon after the errors stop, because its short window drops
 * below the threshold while its long window is still above it. At 95 % of the factor it stays
 * silent. The pages run at a 1m evaluation interval, the tickets at 15m, so the tests of the
 * slow windows stay short. With {@code min_events}, each file also tests the low-traffic guard
 * of each of its pairs just below and just above {@code min_events}.
 */
final class SloTestFiles {

  /** Burn above the threshold: 2 % clears the float rounding of rates and ratios by far. */
  static final double ABOVE = 1.02;
  /**
   * Burn below the threshold, close enough that lowering a factor by 5 % or more fails the
   * silent test. At 0.98 the gauge SLO frame-rate of slo-spec.yaml would need more than 60
   * series near its 6h/30m threshold, so it would get no tests.
   */
  static final double BELOW = 0.95;

  /** Event counts of the guard groups, as shares of min_events: 5 % below and 5 % above. */
  static final double GUARD_BELOW = 0.95;
  static final double GUARD_ABOVE = 1.05;

  private static final long PAGE_STEP = 60;
  private static final long TICKET_STEP = 900;
  private static final long HOUR = 3600;
  /** A ratio this close to its threshold is too close to call, so the generator avoids it. */
  private static final double CLEARANCE = 0.002;
  private static final long MAX_SUBQUERY_SAMPLES = 4500;

  private final Slo slo;
  private final RuleFile ruleFile;
  private final SliInput input;
  private final List<Pair> pairs = new ArrayList<>();
  private final Map<String, String> seriesLabels;

  /** One burn-rate alert rule and its window pair. */
  private record Pair(BurnRateWindows.WindowPair windows, AlertingRule rule, double threshold) {

    long longSeconds() {
      return windows.longWindow().millis() / 1000;
    }

    long shortSeconds() {
      return windows.shortWindow().millis() / 1000;
    }

    long forSeconds() {
      return rule.forDuration() == null ? 0 : rule.forDuration().millis() / 1000;
    }

    String name() {
      return windows.longWindow() + "/" + windows.shortWindow();
    }
  }

  private SloTestFiles(Slo slo, RuleFile ruleFile, SliInput input) {
    this.slo = slo;
    this.ruleFile = ruleFile;
    this.input = input;
    List<AlertingRule> rules = ruleFile.alertingRules();
    for (BurnRateWindows.WindowPair windows : BurnRateWindows.forWindow(slo.window())) {
      String name = windows.longWindow() + "/" + windows.shortWindow();
      for (AlertingRule rule : rules) {
        if (name.equals(rule.labels().get("window"))) {
          pairs.add(new Pair(windows, rule, windows.factor() * slo.errorBudget()));
        }
      }
    }
    this.seriesLabels = recorded(ruleFile).labels();
  }

  /**
   * The test files of one SLO, or the reason it has none.
   *
   * @param files the page and ticket test files, empty when {@code note} is present
   * @param note why rulegen wrote no tests for the SLO
   */
  record Result(List<UnitTestFile> files, Optional<String> note) {

    Result {
      files = List.copyOf(files);
    }
  }

  /**
   * Returns the test files of one SLO, or a note when no input series can be built: its SLI
   * selectors are not plain selectors, or the test traffic is below its {@code min_events}.
   *
   * @param ruleFile the SLO's rule file, with path {@code rules/slo-NAME.yml}
   */
  static Result build(Slo slo, RuleFile ruleFile) {
    Optional<SliInput> input = SliInput.of(slo.sli());
    if (input.isEmpty()) {
      return new Result(List.of(), Optional.of("no promtool tests for SLO " + slo.name()
          + ": its SLI queries are not plain selectors, so rulegen cannot build input series"
          + " for them"));
    }
    SloTestFiles tests = new SloTestFiles(slo, ruleFile, input.get());
    Optional<String> burnNote = tests.burnOutOfReach();
    if (burnNote.isPresent()) {
      return new Result(List.of(), burnNote);
    }
    Optional<String> guardNote = tests.guardNeverPasses();
    if (guardNote.isPresent()) {
      return new Result(List.of(), guardNote);
    }
    List<UnitTestFile> files = new ArrayList<>();
    tests.file(Severity.CRITICAL, "page", PAGE_STEP).ifPresent(files::add);
    tests.file(Severity.WARNING, "ticket", TICKET_STEP).ifPresent(files::add);
    return new Result(files, Optional.empty());
  }

  /**
   * Returns a note when some pair's burn, just above or below its threshold, cannot be written
   * as samples. Gauge SLIs hit this: a ratio such as 1/34 needs more series than promtool loads.
   */
  private Optional<String> burnOutOfReach() {
    for (Pair pair : pairs) {
      long step = pair.windows().severity() == Severity.CRITICAL ? PAGE_STEP : TICKET_STEP;
      double atThreshold = pair.threshold() * ABOVE;
      double belowThreshold = pair.threshold() * BELOW;
      if (!input.canBurn(atThreshold, true, maxSeries(step))
          || !input.canBurn(belowThreshold, false, maxSeries(step))) {
        return Optional.of("no promtool tests for SLO " + slo.name() + ": the bad-sample ratio"
            + " near the " + pair.name() + " threshold " + Num.format(pair.threshold())
            + " needs more than " + maxSeries(step) + " gauge series");
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a note when the test input, a fixed traffic, does not clearly hold more events than
   * {@code min_events} in some pair's long window, even after that window is full. At exactly
   * {@code min_events}, Prometheus's rounding of the rates decides whether the guard passes.
   */
  private Optional<String> guardNeverPasses() {
    if (slo.minEvents() <= 0) {
      return Optional.empty();
    }
    long margin = (long) Math.ceil(slo.minEvents() * CLEARANCE);
    Slo withMargin = new Slo(slo.name(), slo.description(), slo.objectivePercent(), slo.window(),
        slo.minEvents() + margin, slo.sli(), slo.labels());
    SloTestFiles checked = new SloTestFiles(withMargin, ruleFile, input);
    for (Pair pair : checked.pairs) {
      long step = pair.windows().severity() == Severity.CRITICAL ? PAGE_STEP : TICKET_STEP;
      SliInput.Burn burn = input.burn(pair.threshold() * ABOVE, true, maxSeries(step));
      BurnModel model = new BurnModel(burn.ratio(), input.gauge(), Long.MAX_VALUE, step);
      // activeFrom() searches up to this time, when every long window is full.
      long full = 2 * HOUR + pair.longSeconds();
      if (!checked.guard(pair, model, burn.total(), full)) {
        return Optional.of("no promtool tests for SLO " + slo.name() + ": the test input holds"
            + " too few events in the " + pair.windows().longWindow() + " window to pass"
            + " min_events " + slo.minEvents() + ", so no burn-rate alert could fire");
      }
    }
    return Optional.empty();
  }

  private Optional<UnitTestFile> file(Severity severity, String kind, long step) {
    List<UnitTestFile.Group> groups = new ArrayList<>();
    for (Pair pair : pairs) {
      if (pair.windows().severity() == severity) {
        groups.add(atThreshold(pair, step));
        groups.add(belowThreshold(pair, step));
      }
    }
    for (Pair pair : pairs) {
      if (pair.windows().severity() == severity) {
        groups.addAll(guardGroups(pair, step));
      }
    }
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    String base = ruleFile.path().substring("rules/".length(), ruleFile.path().length() - 4);
    List<String> comment =
        List.of(
            "Unit tests of the " + kind + " burn-rate alerts of SLO " + slo.name() + " (objective "
                + Num.format(slo.objectivePercent()) + " %, error budget "
                + Num.percent(slo.errorBudget()) + ", min_events " + slo.minEvents() + ").",
            "Each window pair fires at " + Num.format(ABOVE) + " times its factor, after its"
                + " for, and resolves when its short window",
            "drops; it stays silent at " + Num.format(BELOW) + " times its factor.");
    return Optional.of(
        new UnitTestFile(
            "tests/" + base + "-" + kind + "-test.yml",
            List.of("../" + ruleFile.path()),
            step,
            evalOrder(),
            comment,
            groups));
  }

  private UnitTestFile.Group atThreshold(Pair pair, long step) {
    SliInput.Burn burn = input.burn(pair.threshold() * ABOVE, true, maxSeries(step));
    long active = activeFrom(pair, new BurnModel(burn.ratio(), input.gauge(), Long.MAX_VALUE, step),
        burn.total(), step);
    long fireAt = active + pair.forSeconds();
    long pendingAt = fireAt - step;
    long afterStop = afterStop(pair, burn, step);
    long stop = stopTime(pair, burn, step, fireAt, afterStop);
    long resolveAt = stop + afterStop;
    BurnModel model = new BurnModel(burn.ratio(), input.gauge(), stop, step);

    List<UnitTestFile.AlertCheck> alerts = new ArrayList<>();
    if (pendingAt >= active) {
      alerts.add(alertCheck(pendingAt, model, burn.total(), step, pair, false));
    }
    alerts.add(alertCheck(fireAt, model, burn.total(), step, pair, true));
    alerts.add(alertCheck(resolveAt, model, burn.total(), step, pair, false));

    List<UnitTestFile.ExprCheck> exprs = new ArrayList<>();
    exprs.add(atLeast(pair, pair.longSeconds(), fireAt, true));
    exprs.add(atLeast(pair, pair.shortSeconds(), fireAt, true));
    exprs.add(atLeast(pair, pair.longSeconds(), resolveAt, true));
    exprs.add(atLeast(pair, pair.shortSeconds(), resolveAt, false));

    List<String> comment =
        List.of(
            pair.name() + " at " + describe(burn, pair) + ": pending at "
                + UnitTestFile.duration(pendingAt) + ", firing at "
                + UnitTestFile.duration(fireAt) + " (for "
                + UnitTestFile.duration(pair.forSeconds()) + ").",
            "The errors stop at " + UnitTestFile.duration(stop) + "; at "
                + UnitTestFile.duration(resolveAt) + " the " + pair.windows().shortWindow()
                + " ratio is below the threshold, the " + pair.windows().longWindow()
                + " one still above it.");
    long sample = BurnModel.SAMPLE_SECONDS;
    long lastStep = resolveAt / sample + 1;
    checkSampleLimit(burn, resolveAt, step);
    return new UnitTestFile.Group(
        pair.name() + " fires at " + Num.format(ABOVE) + "x its factor and resolves",
        comment,
        sample,
        input.series(burn, stop / sample, lastStep),
        exprs,
        alerts);
  }

  private UnitTestFile.Group belowThreshold(Pair pair, long step) {
    SliInput.Burn burn = input.burn(pair.threshold() * BELOW, false, maxSeries(step));
    BurnModel model = new BurnModel(burn.ratio(), input.gauge(), Long.MAX_VALUE, step);
    SliInput.Burn above = input.burn(pair.threshold() * ABOVE, true, maxSeries(step));
    long wouldFire =
        activeFrom(pair, new BurnModel(above.ratio(), input.gauge(), Long.MAX_VALUE, step),
            above.total(), step) + pair.forSeconds();
    List<String> comment =
        List.of(pair.name() + " at " + describe(burn, pair) + ": silent at "
            + UnitTestFile.duration(wouldFire) + ", when a burn above the threshold fires.");
    long lastStep = wouldFire / BurnModel.SAMPLE_SECONDS + 1;
    checkSampleLimit(burn, wouldFire, step);
    return new UnitTestFile.Group(
        pair.name() + " stays silent at " + Num.format(BELOW) + "x its factor",
        comment,
        BurnModel.SAMPLE_SECONDS,
        input.series(burn, lastStep, lastStep),
        List.of(atLeast(pair, pair.longSeconds(), wouldFire, false)),
        List.of(alertCheck(wouldFire, model, burn.total(), step, pair, false)));
  }

  /**
   * Returns two groups that test the low-traffic guard of one pair. Every event is bad. At every
   * evaluation of the pair's last {@code for}, the guard counts at least 5 % fewer events than
   * min_events in the first group and at least 5 % more in the second. Returns none without a
   * guard, for a gauge SLI, and when an error ratio of 1 does not clearly pass the threshold. A
   * gauge's guard counts series-seconds, which the input can only change by a whole series
   * (3600 events in 1h), so it cannot put the count near min_events.
   */
  private List<UnitTestFile.Group> guardGroups(Pair pair, long step) {
    if (slo.minEvents() <= 0 || input.gauge() || pair.threshold() * (1 + CLEARANCE) >= 1) {
      return List.of();
    }
    return List.of(guardGroup(pair, step, GUARD_BELOW), guardGroup(pair, step, GUARD_ABOVE));
  }

  /**
   * Returns a group in which every event is bad. The minimum event count of the guard over the
   * evaluations of the pair's last {@code for} is {@code share} times min_events, rounded away
   * from min_events. The checks run when the long window has been full for that {@code for}, so
   * the pair fires exactly when the guard passes.
   */
  private UnitTestFile.Group guardGroup(Pair pair, long step, double share) {
    boolean above = share > 1;
    long checkAt = pair.longSeconds() + pair.forSeconds();
    BurnModel model = new BurnModel(1, false, Long.MAX_VALUE, step);
    // Samples the guard counts. A window up to 6h counts every sample in it. A longer one sums
    // whole hours at 1h subquery points. Prometheus 2.x counts one hour more at an evaluation on a
    // whole hour once the first hour has left the window, so the minimum over the last for sets
    // the margin.
    long minSamples = Long.MAX_VALUE;
    long maxSamples = 0;
    for (long t = checkAt - pair.forSeconds(); t <= checkAt; t += step) {
      long counted = Math.round(model.guardEvents(pair.longSeconds(), t));
      minSamples = Math.min(minSamples, counted);
      maxSamples = Math.max(maxSamples, counted);
    }
    // Four significant digits keep the samples readable and move the count by at most 0.1 %.
    MathContext digits = new MathContext(4, above ? RoundingMode.CEILING : RoundingMode.FLOOR);
    BigDecimal perStep =
        BigDecimal.valueOf(slo.minEvents())
            .multiply(BigDecimal.valueOf(share))
            .divide(BigDecimal.valueOf(minSamples), digits)
            .stripTrailingZeros();
    String count = perStep.multiply(BigDecimal.valueOf(minSamples)).stripTrailingZeros()
        .toPlainString();

    List<UnitTestFile.ExprCheck> exprs = new ArrayList<>();
    exprs.add(atLeast(pair, pair.longSeconds(), checkAt, true));
    exprs.add(atLeast(pair, pair.shortSeconds(), checkAt, true));
    exprs.add(guardCheck(pair, checkAt, above));
    List<UnitTestFile.AlertCheck> alerts =
        List.of(alertCheck(checkAt, model, perStep.doubleValue(), step, pair, above));

    String window = pair.windows().longWindow().toString();
    List<String> comment = new ArrayList<>();
    comment.add(pair.name() + " guard: " + perStep.toPlainString() + " events per step, all bad,"
        + " so the error ratio is 1, far above the threshold " + Num.format(pair.threshold())
        + ".");
    String side = above ? "above" : "below";
    String outcome = ", when its for (" + UnitTestFile.duration(pair.forSeconds())
        + ") has passed, the pair " + (above ? "fires." : "is silent.");
    if (pair.longSeconds() <= BurnModel.LONGEST_RAW_SECONDS) {
      comment.add("From " + window + " on, the " + window + " window contains " + count
          + " events, at least 5 % " + side + " min_events " + slo.minEvents() + ", so at "
          + UnitTestFile.duration(checkAt) + outcome);
    } else {
      String maxCount = perStep.multiply(BigDecimal.valueOf(maxSamples)).stripTrailingZeros()
          .toPlainString();
      String from = "From " + UnitTestFile.duration(checkAt - pair.forSeconds()) + " to "
          + UnitTestFile.duration(checkAt) + " the guard counts ";
      if (minSamples == maxSamples) {
        comment.add(from + count + " events at every evaluation, at least 5 % " + side
            + " min_events " + slo.minEvents() + ".");
      } else {
        comment.add(from + "between " + count + " and " + maxCount + " events, one hour more at"
            + " some evaluations on a whole hour. The fewest are at least 5 % " + side
            + " min_events " + slo.minEvents()
            + (above ? "." : ", and the most are below it too."));
      }
      comment.add("So at " + UnitTestFile.duration(checkAt) + outcome);
    }
    if (!above) {
      comment.add("The guard counts " + guardCount(pair) + ". The samples start at 0 and span"
          + " the window, so rate() does not extrapolate, and the count is exact up to float"
          + " rounding, far below 1e-12 relative. That rounding cannot cross the 5 % margin,"
          + " while a min_events 6 % higher or lower fails one of the two guard groups.");
    }
    return new UnitTestFile.Group(
        pair.name() + (above ? " fires above min_events" : " stays silent below min_events"),
        comment,
        BurnModel.SAMPLE_SECONDS,
        input.allBadSeries(perStep.toPlainString(), checkAt / BurnModel.SAMPLE_SECONDS + 1),
        exprs,
        alerts);
  }

  /** Returns a check that the guard's event count over the pair's long window passes, or not. */
  private UnitTestFile.ExprCheck guardCheck(Pair pair, long t, boolean passes) {
    String expr = guardCount(pair) + " >= bool " + slo.minEvents();
    return new UnitTestFile.ExprCheck(
        expr, t,
        List.of(new UnitTestFile.Sample(Promql.selector("", new TreeMap<>(seriesLabels)),
            passes ? 1 : 0)));
  }

  /** Returns the guard's event count of the pair's long window, the expression of the rules. */
  private String guardCount(Pair pair) {
    return new SloSeries(seriesLabels.get("service"), slo).eventCount(pair.windows().longWindow());
  }

  /**
   * Returns the time after the stop at which the short window is clearly below the threshold:
   * the first step where it is, plus margin for the clearance.
   */
  private long afterStop(Pair pair, SliInput.Burn burn, long step) {
    // A stop long after the start, so both windows are full of the burn when it ends.
    long stop = pair.longSeconds() * 2;
    BurnModel model = new BurnModel(burn.ratio(), input.gauge(), stop, step);
    for (long after = step; after <= pair.shortSeconds(); after += step) {
      OptionalDouble shortRatio = model.errorRatio(pair.shortSeconds(), stop + after);
      if (shortRatio.isPresent()
          && shortRatio.getAsDouble() < pair.threshold() * (1 - 5 * CLEARANCE)) {
        return after;
      }
    }
    throw new IllegalStateException("short window of " + pair.name() + " never drops");
  }

  /**
   * Returns the earliest stop, a whole number of steps after the alert fires, at which the long
   * window still holds enough of the burn to stay above the threshold {@code afterStop} later.
   */
  private long stopTime(Pair pair, SliInput.Burn burn, long step, long fireAt, long afterStop) {
    for (long stop = fireAt; stop <= fireAt + 40 * pair.longSeconds(); stop += step) {
      BurnModel model = new BurnModel(burn.ratio(), input.gauge(), stop, step);
      OptionalDouble longRatio = model.errorRatio(pair.longSeconds(), stop + afterStop);
      if (longRatio.isPresent()
          && longRatio.getAsDouble() >= pair.threshold() * (1 + CLEARANCE)) {
        return stop;
      }
    }
    throw new IllegalStateException("long window of " + pair.name() + " never stays above");
  }

  /** Returns the first evaluation at which the pair's condition holds during a steady burn. */
  private long activeFrom(Pair pair, BurnModel model, double traffic, long step) {
    for (long t = 0; t <= 2 * HOUR + pair.longSeconds(); t += step) {
      if (condition(pair, model, traffic, t) == Boolean.TRUE) {
        return t;
      }
    }
    throw new IllegalStateException("pair " + pair.name() + " never meets its burn-rate condition");
  }

  /**
   * Returns whether the pair's expression has a result at t; null when too close to call.
   *
   * @param traffic events per step, or gauge series
   */
  private Boolean condition(Pair pair, BurnModel model, double traffic, long t) {
    if (!guard(pair, model, traffic, t)) {
      return false;
    }
    Boolean longHolds = atLeast(model.errorRatio(pair.longSeconds(), t), pair.threshold());
    Boolean shortHolds = atLeast(model.errorRatio(pair.shortSeconds(), t), pair.threshold());
    if (longHolds == Boolean.FALSE || shortHolds == Boolean.FALSE) {
      return false;
    }
    return longHolds == null || shortHolds == null ? null : true;
  }

  private static Boolean atLeast(OptionalDouble ratio, double threshold) {
    if (ratio.isEmpty()) {
      return false;
    }
    double relative = ratio.getAsDouble() / threshold - 1;
    if (Math.abs(relative) < CLEARANCE) {
      return null;
    }
    return relative > 0;
  }

  private boolean guard(Pair pair, BurnModel model, double traffic, long t) {
    if (slo.minEvents() <= 0) {
      return true;
    }
    if (input.gauge()) {
      // The gauge's total rate is its series count, so every second of every series counts.
      double seconds =
          pair.longSeconds() <= BurnModel.LONGEST_RAW_SECONDS
              ? pair.longSeconds()
              : HOUR * (Math.min(t, pair.longSeconds()) / HOUR + 1);
      return traffic * seconds >= slo.minEvents();
    }
    return model.guardEvents(pair.longSeconds(), t) * traffic >= slo.minEvents();
  }

  /**
   * Returns the alert check at t: every pair of this SLO whose condition has held for its whole
   * {@code for}, because all pairs share one alert name.
   *
   * @param traffic events per step, or gauge series
   * @param expectFiring whether {@code pair} itself must fire at t, checked here
   */
  private UnitTestFile.AlertCheck alertCheck(
      long t, BurnModel model, double traffic, long step, Pair pair, boolean expectFiring) {
    List<UnitTestFile.ExpectedAlert> alerts = new ArrayList<>();
    for (Pair other : pairs) {
      boolean firing = firing(other, model, traffic, step, t);
      if (other == pair && firing != expectFiring) {
        throw new IllegalStateException(
            "pair " + pair.name() + " firing=" + firing + " at " + t + "s, expected " + expectFiring);
      }
      if (firing) {
        double value = model.errorRatio(other.longSeconds(), t).orElseThrow();
        alerts.add(expected(other, value));
      }
    }
    return new UnitTestFile.AlertCheck(t, pair.rule().alert(), alerts);
  }

  private boolean firing(Pair pair, BurnModel model, double traffic, long step, long t) {
    long from = t - pair.forSeconds();
    if (from < 0) {
      return false;
    }
    // Latest first: one evaluation without a result resets the alert, whatever came before.
    boolean tooClose = false;
    for (long at = t; at >= from; at -= step) {
      Boolean holds = condition(pair, model, traffic, at);
      if (holds == Boolean.FALSE) {
        return false;
      }
      tooClose |= holds == null;
    }
    if (tooClose) {
      throw new IllegalStateException(
          "pair " + pair.name() + " is too close to its threshold before " + t + "s");
    }
    return true;
  }

  private UnitTestFile.ExpectedAlert expected(Pair pair, double value) {
    Map<String, String> labels = new TreeMap<>(seriesLabels);
    labels.putAll(pair.rule().labels());
    return new UnitTestFile.ExpectedAlert(
        labels, AlertTemplates.expand(pair.rule().annotations(), seriesLabels, value));
  }

  /** Returns a check that the window's error ratio is at least the threshold, or is not. */
  private UnitTestFile.ExprCheck atLeast(Pair pair, long windowSeconds, long t, boolean holds) {
    String series =
        "slo:sli_error:ratio_rate" + UnitTestFile.duration(windowSeconds);
    Map<String, String> selector = new TreeMap<>();
    selector.put("service", seriesLabels.get("service"));
    selector.put("slo", seriesLabels.get("slo"));
    String expr = Promql.selector(series, selector) + " >= bool " + Num.format(pair.threshold());
    Map<String, String> labels = new TreeMap<>(seriesLabels);
    return new UnitTestFile.ExprCheck(
        expr, t, List.of(new UnitTestFile.Sample(Promql.selector("", labels), holds ? 1 : 0)));
  }

  private String describe(SliInput.Burn burn, Pair pair) {
    String ratio = Num.format(burn.ratio());
    String what =
        input.gauge()
            ? burn.bad() + " of " + burn.total() + " series missing the bound"
            : burn.bad() + " bad of " + burn.total() + " events per step";
    return what + " (error ratio " + ratio + ", " + Num.format(burn.ratio() / pair.threshold())
        .replaceAll("(\\.\\d{3})\\d+", "$1") + "x the threshold " + Num.format(pair.threshold())
        + ")";
  }

  private List<String> evalOrder() {
    return ruleFile.groups().stream().map(group -> group.name()).toList();
  }

  /**
   * Returns the most gauge series a test may have. promtool's query engine loads at most about
   * 5000 samples per query in 2.42, and the 6h gauge subquery loads one per series and step.
   */
  private static int maxSeries(long step) {
    return step == PAGE_STEP ? 60 : 140;
  }

  private void checkSampleLimit(SliInput.Burn burn, long end, long step) {
    if (!input.gauge()) {
      return;
    }
    long points = Math.min(end, BurnModel.LONGEST_RAW_SECONDS) / step + 1;
    if (burn.total() * points > MAX_SUBQUERY_SAMPLES) {
      throw new IllegalStateException("a gauge test of SLO " + slo.name() + " needs "
          + burn.total() * points + " samples in one subquery, more than promtool loads");
    }
  }

  /** Returns the recording rule of the 5m error ratio, whose labels every SLO series carries. */
  private static RecordingRule recorded(RuleFile file) {
    for (var group : file.groups()) {
      for (Rule rule : group.rules()) {
        if (rule instanceof RecordingRule recording
            && recording.record().startsWith("slo:sli_error:ratio_rate")) {
          return recording;
        }
      }
    }
    throw new IllegalArgumentException("no error ratio recorded in " + file.path());
  }
}
