package dev.opsbook.exporter;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.EndpointCheck;
import dev.opsbook.exporter.collect.HostCheck;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.runner.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Hand-written check stubs for scheduler and exposition tests. */
public final class StubChecks {

  private StubChecks() {}

  /** Collects one of a queue of behaviours per run; the last one repeats. */
  @FunctionalInterface
  public interface Behaviour {
    List<Sample> collect() throws CheckFailure, InterruptedException;
  }

  /** A host check whose runs follow the given behaviours and are counted. */
  public static final class ScriptedHostCheck implements HostCheck {
    private final String name;
    private final Duration interval;
    private final List<Behaviour> behaviours;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();

    public ScriptedHostCheck(String name, Duration interval, Behaviour... behaviours) {
      this.name = name;
      this.interval = interval;
      this.behaviours = List.of(behaviours);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Duration interval() {
      return interval;
    }

    @Override
    public List<Sample> collect(CommandRunner runner) throws CheckFailure {
      int run = runs.getAndIncrement();
      int now = concurrent.incrementAndGet();
      maxConcurrent.accumulateAndGet(now, Math::max);
      try {
        return behaviours.get(Math.min(run, behaviours.size() - 1)).collect();
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        Thread.currentThread().interrupt();
        throw new CheckFailure("interrupted", "interrupted");
      } finally {
        concurrent.decrementAndGet();
      }
    }

    public int runs() {
      return runs.get();
    }

    public int maxConcurrent() {
      return maxConcurrent.get();
    }

    public int interrupted() {
      return interrupted.get();
    }
  }

  /** An endpoint check that returns the supplier's samples. */
  public static EndpointCheck endpoint(
      String name, String endpoint, Duration interval, Supplier<List<Sample>> samples) {
    return new EndpointCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String endpoint() {
        return endpoint;
      }

      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public List<Sample> collect() {
        return samples.get();
      }
    };
  }

  /** Returns a behaviour that returns the samples at once. */
  public static Behaviour returning(Sample... samples) {
    return () -> List.of(samples);
  }

  /** Returns a behaviour that throws a check failure. */
  public static Behaviour failing(String reason, String message, Throwable cause) {
    return () -> {
      throw new CheckFailure(reason, message, cause);
    };
  }

  /** Returns a behaviour that waits, interruptibly, for the latch for at most 5 s. */
  public static Behaviour blockingUntil(CountDownLatch latch, Sample... samples) {
    return () -> {
      latch.await(5, TimeUnit.SECONDS);
      return List.of(samples);
    };
  }
}
