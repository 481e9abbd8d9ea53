package dev.opsbook.exporter;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** Sets the log levels that logback.xml starts with. */
final class Logging {

  private static final Set<String> SSHJ_LOGGERS = Set.of("net.schmizz", "com.hierynomus");
  private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  private Logging() {}

  /**
   * Sets the root logger's level.
   *
   * @return false when the level name is not one of ERROR, WARN, INFO, DEBUG and TRACE
   */
  static boolean setLevel(String name) {
    String upper = name == null ? "" : name.toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      return false;
    }
    Level level = Level.toLevel(upper);
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(level);
    }
    // At INFO, sshj's loggers stay at WARN, because sshj logs every connection at INFO.
    // The runner logs sshj's errors and warnings at DEBUG, so DEBUG and TRACE must reach them.
    Level sshjLevel = level == Level.INFO ? Level.WARN : level;
    for (String loggerName : SSHJ_LOGGERS) {
      if (LoggerFactory.getLogger(loggerName) instanceof ch.qos.logback.classic.Logger sshj) {
        sshj.setLevel(sshjLevel);
      }
    }
    return true;
  }
}
