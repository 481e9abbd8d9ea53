package dev.opsbook.exporter.collect;

import dev.opsbook.spec.MetricNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Failures of single items of a check, such as one missing path among several. A check reports
 * the items that worked and one {@code opsbook_check_failure_info} sample per failed item, with
 * the item's label ({@code path}, {@code tier}, {@code unit}) beside {@code check} and
 * {@code reason}. When every item fails, the check fails as a whole instead.
 *
 * <p>An instance logs a failure when an item's reason changes and logs the recovery, so a
 * failure that repeats on every run is logged once.
 */
public final class ItemFailures {

  /**
   * One failed item.
   *
   * @param item the item, such as a path
   * @param reason bounded reason label value
   * @param message log message naming host, check, item and cause
   */
  public record ItemFailure(String item, String reason, String message) {}

  private final Logger log;
  private final String check;
  private final String itemLabel;
  private final Map<String, String> lastReasons = new HashMap<>();

  public ItemFailures(Logger log, String check, String itemLabel) {
    this.log = log;
    this.check = check;
    this.itemLabel = itemLabel;
  }

  /** Returns the failure sample of one item. */
  public Sample sample(ItemFailure failure) {
    return Sample.gauge(
        MetricNames.CHECK_FAILURE_INFO,
        Map.of(
            MetricNames.LABEL_CHECK, check,
            itemLabel, failure.item(),
            MetricNames.LABEL_REASON, failure.reason()),
        1);
  }

  /**
   * Logs changes since the previous run of the check.
   *
   * @param items every item of this run
   * @param failures the failed items of this run
   */
  public synchronized void logChanges(List<String> items, List<ItemFailure> failures) {
    // When every item fails, the check fails as a whole and the scheduler logs that failure.
    boolean wholeCheckFails = !items.isEmpty() && failures.size() >= items.size();
    Map<String, ItemFailure> failed = new HashMap<>();
    for (ItemFailure failure : failures) {
      failed.put(failure.item(), failure);
    }
    for (String item : items) {
      ItemFailure failure = failed.get(item);
      String previous = lastReasons.get(item);
      if (failure == null) {
        if (previous != null) {
          log.info("check {}: {} {} recovered", check, itemLabel, item);
          lastReasons.remove(item);
        }
      } else if (!failure.reason().equals(previous)) {
        if (!wholeCheckFails) {
          log.warn("{} (reason {})", failure.message(), failure.reason());
        }
        lastReasons.put(item, failure.reason());
      }
    }
  }

  /**
   * Returns the samples of a run in which some items may have failed.
   *
   * @throws CheckFailure with the first item's reason when every item failed
   */
  public List<Sample> combine(
      List<String> items, List<Sample> samples, List<ItemFailure> failures) throws CheckFailure {
    logChanges(items, failures);
    if (!items.isEmpty() && failures.size() >= items.size()) {
      StringBuilder message = new StringBuilder();
      for (ItemFailure failure : failures) {
        if (message.length() > 0) {
          message.append("; ");
        }
        message.append(failure.message());
      }
      throw new CheckFailure(failures.get(0).reason(), message.toString());
    }
    List<Sample> all = new ArrayList<>(samples);
    for (ItemFailure failure : failures) {
      all.add(sample(failure));
    }
    return List.copyOf(all);
  }
}
