package dev.opsbook.exporter.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.opsbook.exporter.runner.CommandException.Reason;
import dev.opsbook.exporter.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What expected SSH failures write to the log at WARN and above. */
class SshLoggingTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger root;

  @BeforeEach
  void captureLog() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void stopCapture() {
    root.detachAppender(appender);
  }

  private List<ILoggingEvent> warnings() {
    synchronized (appender) {
      return appender.list.stream()
          .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
          .toList();
    }
  }

  @Test
  void unknownHostKeyLogsNoStackTrace() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings = TestSsh.settings(sshd, dir.resolve("known_hosts"));
      Files.writeString(dir.resolve("known_hosts"), "");
      try (SshRunner runner = TestSsh.runner(sshd, settings)) {
        CommandException failure =
            catchThrowableOfType(CommandException.class, () -> runner.run("true", TIMEOUT));

        assertThat(failure.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
      }
    }

    assertThat(warnings()).isNotEmpty();
    assertThat(warnings()).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    assertThat(warnings())
        .allSatisfy(event -> assertThat(event.getLoggerName()).startsWith("dev.opsbook."));
  }

  @Test
  void sshdKilledMidCommandLogsNoStackTrace() throws Exception {
    try (Sshd sshd = Sshd.start()) {
      SshSettings settings = TestSsh.settings(sshd, dir.resolve("known_hosts"));
      try (SshRunner runner = TestSsh.runner(sshd, settings)) {
        runner.run("true", TIMEOUT);
        CompletableFuture<CommandException> failure = CompletableFuture.supplyAsync(
            () -> catchThrowableOfType(CommandException.class,
                () -> runner.run("echo started; sleep 30", TIMEOUT)));
        Thread.sleep(500);

        sshd.stop();

        CommandException error = failure.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(error.reason()).isEqualTo(Reason.SSH_ERROR);
        assertThat(error.getMessage()).startsWith("ssh to test-host (127.0.0.1:");
      }
    }

    assertThat(warnings()).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    assertThat(warnings())
        .allSatisfy(event -> assertThat(event.getLoggerName()).startsWith("dev.opsbook."));
  }
}
