package dev.opsbook.exporter.runner;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.helpers.AbstractLogger;

/**
 * Loggers for sshj that log its errors and warnings at DEBUG and the rest at TRACE. sshj logs an
 * expected failure, such as an unknown host key or a server that went away, at ERROR with a stack
 * trace from its reader thread. The runner already reports every such failure as a {@link
 * CommandException} that the scheduler logs once and rate-limits, so sshj's own lines are detail
 * for debugging.
 */
final class SshjLoggers implements net.schmizz.sshj.common.LoggerFactory {

  static final SshjLoggers INSTANCE = new SshjLoggers();

  private SshjLoggers() {}

  @Override
  public Logger getLogger(String name) {
    return new DemotedLogger(org.slf4j.LoggerFactory.getLogger(name));
  }

  @Override
  public Logger getLogger(Class<?> type) {
    return getLogger(type.getName());
  }

  /** Maps a level of sshj to the level it is logged at. */
  static Level demote(Level level) {
    return level == Level.ERROR || level == Level.WARN ? Level.DEBUG : Level.TRACE;
  }

  /** A logger that passes each event on to {@code delegate} at its demoted level. */
  private static final class DemotedLogger extends AbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient Logger delegate;

    private DemotedLogger(Logger delegate) {
      this.delegate = delegate;
      this.name = delegate.getName();
    }

    private boolean enabled(Level level) {
      return delegate.isEnabledForLevel(demote(level));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
      LoggingEventBuilder event = delegate.atLevel(demote(level)).setCause(throwable);
      if (arguments == null) {
        event.log(message);
      } else {
        event.log(message, arguments);
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return enabled(Level.ERROR);
    }
  }
}
