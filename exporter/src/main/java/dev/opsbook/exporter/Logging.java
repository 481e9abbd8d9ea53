package dev.opsbook.exporter;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** Sets the log level that logback.xml starts with. */
final class Logging {

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
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(upper));
    }
    return true;
  }
}
