package dev.opsbook.spec;

import dev.opsbook.spec.model.Sli;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Validates one SLI: query shapes, histogram metric names, buckets and the threshold. */
final class SliValidator {
  private final Problems problems;

  SliValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(Sli sli, String path) {
    if (sli instanceof Sli.EventRatio events) {
      eventRatio(events, FieldPath.child(path, "events"));
    } else if (sli instanceof Sli.Latency latency) {
      latency(latency, FieldPath.child(path, "latency"));
    } else if (sli instanceof Sli.GaugeThreshold gauge) {
      query(FieldPath.child(FieldPath.child(path, "gauge"), "query"), gauge.query());
    }
  }

  private void eventRatio(Sli.EventRatio events, String path) {
    query(FieldPath.child(path, "bad"), events.badQuery());
    query(FieldPath.child(path, "total"), events.totalQuery());
    if (events.badQuery() != null && events.badQuery().equals(events.totalQuery())) {
      problems.add(
          FieldPath.child(path, "bad"),
          "bad and total are the same query, so every event would count as bad;"
              + " select only the bad events, such as status=~\"5..\"");
    }
  }

  private void query(String path, String query) {
    if (query != null) {
      PromQlShape.check("query", query).ifPresent(message -> problems.add(path, message));
    }
  }

  private void latency(Sli.Latency latency, String path) {
    if (latency.metric() != null) {
      metric(latency.metric(), FieldPath.child(path, "metric"));
    }
    selector(latency.selector(), FieldPath.child(path, "selector"));
    double threshold = latency.thresholdSeconds();
    String thresholdPath = FieldPath.child(path, "threshold");
    if (threshold <= 0) {
      problems.add(
          thresholdPath,
          "threshold " + Rules.number(threshold) + " must be greater than 0 seconds");
    }
    boolean bucketsValid = buckets(latency.buckets(), FieldPath.child(path, "buckets"));
    if (bucketsValid && !latency.buckets().isEmpty() && threshold > 0
        && !latency.buckets().contains(threshold)) {
      problems.add(
          thresholdPath,
          "threshold "
              + Rules.number(threshold)
              + " is not a bucket bound, so no le bucket counts the requests below it;"
              + " use one of "
              + latency.buckets().stream().map(Rules::number).collect(Collectors.joining(", ")));
    }
  }

  private void metric(String metric, String path) {
    Optional<String> problem = Rules.metricName(metric);
    if (problem.isEmpty() && metric.endsWith("_bucket")) {
      String base = metric.substring(0, metric.length() - "_bucket".length());
      problem =
          Optional.of(
              "metric "
                  + Quoted.of(metric)
                  + " names the bucket series; write the histogram's base name "
                  + Quoted.of(base));
    }
    problem.ifPresent(message -> problems.add(path, message));
  }

  private void selector(String selector, String path) {
    if (selector.isEmpty()) {
      return;
    }
    String trimmed = selector.trim();
    if (trimmed.startsWith("{") || trimmed.endsWith("}")) {
      problems.add(
          path,
          "selector "
              + Quoted.of(selector)
              + " has braces; write only the label matchers, such as job=\"api\"");
      return;
    }
    Optional<String> shape = PromQlShape.check("selector", "{" + selector + "}");
    if (shape.isPresent()) {
      problems.add(path, shape.get());
      return;
    }
    if (PromQlShape.labelNames(selector).contains("le")) {
      problems.add(
          path,
          "selector "
              + Quoted.of(selector)
              + " matches on le, but rulegen adds the le matcher of threshold to select the"
              + " bucket, so the bucket selector would match no series; remove the le matcher"
              + " and set threshold to the bucket bound instead");
    }
  }

  private boolean buckets(List<Double> buckets, String path) {
    for (int i = 0; i < buckets.size(); i++) {
      double bound = buckets.get(i);
      String boundPath = FieldPath.index(path, i);
      if (bound <= 0) {
        problems.add(boundPath, "bucket bound " + Rules.number(bound) + " must be greater than 0");
        return false;
      }
      if (i > 0 && bound <= buckets.get(i - 1)) {
        problems.add(
            boundPath,
            "bucket bounds must increase, but "
                + Rules.number(bound)
                + " follows "
                + Rules.number(buckets.get(i - 1))
                + "; list the histogram's le values in order");
        return false;
      }
    }
    return true;
  }
}
