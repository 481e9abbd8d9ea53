package dev.opsbook.exporter.collect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.opsbook.exporter.collect.ItemFailures.ItemFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ItemFailuresTest {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void captureLog() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logger = context.getLogger("item-failures-test");
    logger.setLevel(Level.INFO);
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(appender);
  }

  private static ItemFailure missing(String path) {
    return new ItemFailure(path, "not_found", "check filesystem on host h: " + path + " missing");
  }

  @Test
  void partialFailureLogsOnce() {
    ItemFailures failures = new ItemFailures(logger, "filesystem", "path");
    List<String> items = List.of("/a", "/b");

    failures.logChanges(items, List.of(missing("/b")));
    failures.logChanges(items, List.of(missing("/b")));

    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(appender.list.get(0).getFormattedMessage()).contains("/b missing");
  }

  @Test
  void wholeCheckFailureLeavesLogToScheduler() {
    ItemFailures failures = new ItemFailures(logger, "filesystem", "path");

    failures.logChanges(List.of("/a"), List.of(missing("/a")));

    assertThat(appender.list).isEmpty();
  }

  @Test
  void recoveryAfterWholeFailureIsLogged() {
    ItemFailures failures = new ItemFailures(logger, "filesystem", "path");
    failures.logChanges(List.of("/a"), List.of(missing("/a")));

    failures.logChanges(List.of("/a"), List.of());

    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(appender.list.get(0).getFormattedMessage()).contains("/a recovered");
  }
}
