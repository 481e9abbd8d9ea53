package dev.opsbook.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Bounded polling: every wait of the test has a deadline. */
final class Waits {

  private Waits() {}

  /**
   * Polls {@code probe} every {@code period} until it returns a value or {@code deadline}
   * passes.
   *
   * @return the first value, or empty when the deadline passed
   */
  static <T> Optional<T> poll(Supplier<Optional<T>> probe, Duration period, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent() || System.nanoTime() >= end) {
        return value;
      }
      sleep(period);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
