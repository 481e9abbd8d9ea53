package dev.opsbook.exporter.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs check failures at WARN, rate-limited per host, check and reason: the first failure is
 * logged, then at most one line per interval that states how many were suppressed. A success
 * after failures is logged once at INFO.
 */
public final class FailureLog {

  private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);

  static final int MAX_MESSAGE_LENGTH = 500;

  private final Clock clock;
  private final Duration interval;
  private final ConcurrentMap<CheckKey, State> states = new ConcurrentHashMap<>();

  public FailureLog(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * Logs the failure unless the same reason was logged for the check within the interval.
   *
   * @return whether a line was written
   */
  public boolean failed(CheckKey key, String reason, String rawMessage) {
    String message = oneLine(rawMessage);
    Instant now = clock.instant();
    State state = states.computeIfAbsent(key, unused -> new State());
    long suppressed;
    synchronized (state) {
      state.failures++;
      boolean sameReason = reason.equals(state.reason);
      if (sameReason && state.lastLogged != null && now.isBefore(state.lastLogged.plus(interval))) {
        state.suppressed++;
        return false;
      }
      suppressed = sameReason ? state.suppressed : 0;
      state.reason = reason;
      state.lastLogged = now;
      state.suppressed = 0;
    }
    if (suppressed > 0) {
      LOG.warn(
          "check failed: host={} check={}{} reason={} message={} ({} more failures with this"
              + " reason since the last line)",
          key.host(), key.check(), endpointPart(key), reason, message, suppressed);
    } else {
      LOG.warn(
          "check failed: host={} check={}{} reason={} message={}",
          key.host(), key.check(), endpointPart(key), reason, message);
    }
    return true;
  }

  /** Logs a recovery once when the check had failed before, and resets its rate limit. */
  public void succeeded(CheckKey key) {
    State state = states.remove(key);
    if (state == null) {
      return;
    }
    long failures;
    synchronized (state) {
      failures = state.failures;
    }
    LOG.info(
        "check recovered: host={} check={}{} after {} failed runs",
        key.host(), key.check(), endpointPart(key), failures);
  }

  /**
   * Returns the message on one line and cut to {@link #MAX_MESSAGE_LENGTH} characters, because
   * it may quote a host's output, which must not forge log lines.
   */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_LENGTH));
    for (int i = 0; i < message.length() && line.length() < MAX_MESSAGE_LENGTH; i++) {
      char c = message.charAt(i);
      line.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (message.length() > MAX_MESSAGE_LENGTH) {
      line.append("...");
    }
    return line.toString();
  }

  private static String endpointPart(CheckKey key) {
    return key.isEndpointCheck() ? " endpoint=" + key.endpoint() : "";
  }

  private static final class State {
    private String reason;
    private Instant lastLogged;
    private long suppressed;
    private long failures;
  }
}
