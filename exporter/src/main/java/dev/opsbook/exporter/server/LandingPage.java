package dev.opsbook.exporter.server;

import dev.opsbook.exporter.schedule.CheckResult;
import dev.opsbook.exporter.schedule.SampleStore;
import dev.opsbook.exporter.schedule.ScheduledCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders the HTML page served on {@code /}: the hosts, the checks and their latest status. */
public final class LandingPage {

  private static final String TEMPLATE = readTemplate();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z]+)}}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final String version;
  private final String specFile;
  private final Map<String, Map<String, String>> hostLabels;
  private final List<ScheduledCheck> checks;
  private final SampleStore store;

  /**
   * @param version the exporter's version
   * @param specFile the spec path as given, or a note that none was loaded
   * @param hostLabels every checked host with its spec labels
   * @param checks the scheduled checks
   * @param store the latest results
   */
  public LandingPage(
      String version,
      String specFile,
      Map<String, Map<String, String>> hostLabels,
      List<ScheduledCheck> checks,
      SampleStore store) {
    this.version = version;
    this.specFile = specFile;
    this.hostLabels = new TreeMap<>(hostLabels);
    this.checks = List.copyOf(checks);
    this.store = store;
  }

  public String render() {
    SampleStore.Snapshot snapshot = store.snapshot();
    Map<String, String> values =
        Map.of(
            "VERSION", escape(version),
            "SPEC", escape(specFile),
            "HOSTS", hostRows(snapshot.hostUp()),
            "CHECKS", checkRows());
    // One pass over the template, so a placeholder inside a value is not expanded again.
    return PLACEHOLDER
        .matcher(TEMPLATE)
        .replaceAll(match -> Matcher.quoteReplacement(values.getOrDefault(match.group(1), "")));
  }

  private String hostRows(Map<String, Boolean> hostUp) {
    StringBuilder rows = new StringBuilder();
    hostLabels.forEach(
        (host, labels) -> {
          Boolean up = hostUp.get(host);
          String reachable =
              up == null
                  ? "<span class=\"pending\">unknown</span>"
                  : up ? "<span class=\"ok\">yes</span>" : "<span class=\"failing\">no</span>";
          String labelText =
              new TreeMap<>(labels)
                  .entrySet().stream()
                      .map(entry -> entry.getKey() + "=" + entry.getValue())
                      .collect(Collectors.joining(", "));
          rows.append("<tr><td>")
              .append(escape(host))
              .append("</td><td>")
              .append(escape(labelText))
              .append("</td><td>")
              .append(reachable)
              .append("</td></tr>\n");
        });
    return rows.toString();
  }

  private String checkRows() {
    StringBuilder rows = new StringBuilder();
    for (ScheduledCheck check : checks) {
      CheckResult result = store.result(check.key());
      rows.append("<tr><td>")
          .append(escape(check.key().host()))
          .append("</td><td>")
          .append(escape(check.key().check()))
          .append("</td><td>")
          .append(escape(check.key().endpoint()))
          .append("</td><td>")
          .append(escape(formatInterval(check.interval())))
          .append("</td><td>")
          .append(status(result))
          .append("</td><td>")
          .append(
              result == null || result.lastSuccess() == null
                  ? ""
                  : TIME.format(result.lastSuccess().truncatedTo(ChronoUnit.SECONDS)))
          .append("</td></tr>\n");
    }
    return rows.toString();
  }

  private static String status(CheckResult result) {
    if (result == null) {
      return "<span class=\"pending\">not run yet</span>";
    }
    if (result.success()) {
      return "<span class=\"ok\">ok</span>";
    }
    return "<span class=\"failing\">failing: " + escape(result.failureReason()) + "</span>";
  }

  private static String formatInterval(Duration interval) {
    long seconds = interval.toSeconds();
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds > 0 ? seconds + "s" : interval.toMillis() + "ms";
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static String readTemplate() {
    try (InputStream in = LandingPage.class.getResourceAsStream("landing.html")) {
      if (in == null) {
        throw new IllegalStateException("landing.html is missing from the exporter's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
