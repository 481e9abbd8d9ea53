package dev.opsbook.exporter.collect;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Finds samples in a check's result by name and labels. */
public final class Samples {

  private Samples() {}

  /** Returns the samples of the metric whose labels include all of {@code labels}. */
  public static List<Sample> find(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .collect(Collectors.toList());
  }

  /**
   * Returns the value of the one sample that matches.
   *
   * @throws AssertionError when none or several match
   */
  public static double value(List<Sample> samples, String name, Map<String, String> labels) {
    List<Sample> found = find(samples, name, labels);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one sample " + name + labels + " but found " + found.size() + " in " + samples);
    }
    return found.get(0).value();
  }
}
