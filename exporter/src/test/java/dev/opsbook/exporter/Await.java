package dev.opsbook.exporter;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it is true or a deadline passes. */
public final class Await {

  private Await() {}

  /** Returns whether the condition held before the deadline; polls every 10 ms. */
  public static boolean until(BooleanSupplier condition, Duration deadline)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
