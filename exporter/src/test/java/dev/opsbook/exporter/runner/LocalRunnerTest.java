package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.opsbook.exporter.runner.CommandException.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** LocalRunner with real {@code sh} processes. */
class LocalRunnerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final LocalRunner runner = new LocalRunner("local", 1024 * 1024);

  @Test
  void endlessStdoutFailsAtCap() {
    long start = System.nanoTime();

    CommandException error = catchThrowableOfType(CommandException.class,
        () -> runner.run("cat /dev/zero", TIMEOUT));

    assertThat(error.reason()).isEqualTo(Reason.OUTPUT_TOO_LARGE);
    assertThat(error.getMessage()).contains("exceeded 1048576 bytes");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void endlessStderrFailsAtCap() {
    long start = System.nanoTime();

    CommandException error = catchThrowableOfType(CommandException.class,
        () -> runner.run("cat /dev/zero >&2", TIMEOUT));

    assertThat(error.reason()).isEqualTo(Reason.OUTPUT_TOO_LARGE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void slowCommandTimesOut() {
    CommandException error = catchThrowableOfType(CommandException.class,
        () -> runner.run("sleep 30", Duration.ofMillis(300)));

    assertThat(error.reason()).isEqualTo(Reason.TIMEOUT);
  }

  @Test
  void outputAtCapIsReturned() throws Exception {
    CommandResult result = runner.run("head -c 1048576 /dev/zero", TIMEOUT);

    assertThat(result.exitStatus()).isZero();
    assertThat(result.stdout()).hasSize(1024 * 1024);
  }
}
