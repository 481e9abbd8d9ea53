package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waitDoublesUpToMaximum() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999999);

    long[] expectedSeconds = {1, 2, 4, 8, 10, 10};
    for (long expected : expectedSeconds) {
      Duration wait = backoff.recordFailure(0);
      assertThat(wait.toMillis()).isBetween(expected * 1000 - 1, expected * 1000);
    }
  }

  @Test
  void jitterScalesWaitToAtLeastHalf() {
    Backoff backoff = new Backoff(Duration.ofSeconds(4), Duration.ofMinutes(5), () -> 0.0);

    assertThat(backoff.recordFailure(0)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void remainingCountsDownFromFailure() {
    Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), () -> 0.999999);
    long failedAt = 1_000_000_000L;
    Duration wait = backoff.recordFailure(failedAt);

    assertThat(backoff.remaining(failedAt + 500_000_000L))
        .isEqualTo(wait.minusMillis(500));
    assertThat(backoff.remaining(failedAt + wait.toNanos())).isZero();
  }

  @Test
  void successResetsFailures() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.999999);
    backoff.recordFailure(0);
    backoff.recordFailure(0);
    backoff.recordSuccess();

    assertThat(backoff.failures()).isZero();
    assertThat(backoff.remaining(0)).isZero();
    assertThat(backoff.recordFailure(0).toMillis()).isBetween(999L, 1000L);
  }

  @Test
  void manyFailuresDoNotOverflow() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.5);

    Duration wait = Duration.ZERO;
    for (int i = 0; i < 200; i++) {
      wait = backoff.recordFailure(0);
    }

    assertThat(wait).isEqualTo(Duration.ofMinutes(5).multipliedBy(3).dividedBy(4));
  }
}
