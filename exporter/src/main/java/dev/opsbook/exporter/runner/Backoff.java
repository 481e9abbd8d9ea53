package dev.opsbook.exporter.runner;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff between connection attempts: the wait doubles after each consecutive
 * failure up to a maximum, and is then scaled by a random factor in [0.5, 1.0) so that hosts that
 * failed together do not retry in lockstep. Not thread-safe, so callers hold a lock.
 */
final class Backoff {

  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int failures;
  private long nextAttemptNanos;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** Records a failed attempt at {@code nowNanos} and returns the wait before the next one. */
  Duration recordFailure(long nowNanos) {
    failures++;
    long base = initialNanos;
    for (int i = 1; i < failures && base < maxNanos; i++) {
      base = Math.min(maxNanos, base * 2);
    }
    long wait = Math.max(1, (long) (base * (0.5 + 0.5 * random.getAsDouble())));
    nextAttemptNanos = nowNanos + wait;
    return Duration.ofNanos(wait);
  }

  void recordSuccess() {
    failures = 0;
    nextAttemptNanos = 0;
  }

  /** Returns how long to wait from {@code nowNanos} before the next attempt, zero if none. */
  Duration remaining(long nowNanos) {
    if (failures == 0) {
      return Duration.ZERO;
    }
    long left = nextAttemptNanos - nowNanos;
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  int failures() {
    return failures;
  }
}
