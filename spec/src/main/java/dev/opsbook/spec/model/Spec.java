package dev.opsbook.spec.model;

import java.util.List;
import java.util.Map;

/**
 * A validated {@code slo-spec.yaml}: one service, its SLOs, the hosts it runs on and the
 * operational checks with their thresholds.
 *
 * @param service service name, used as the {@code service} label on every rule
 * @param labels labels added to every generated rule and alert
 * @param runbookUrl base URL of the runbook; each alert links to {@code runbookUrl#alert-name}
 * @param slos service level objectives, in spec order
 * @param hosts hosts the exporter reaches; empty means the local machine only
 * @param checks operational checks and thresholds
 * @param alerting Alertmanager routing, or {@code null} when the spec has no alerting section
 * @param source where each field came from, for error messages that point at the spec
 */
public record Spec(
    String service,
    Map<String, String> labels,
    String runbookUrl,
    List<Slo> slos,
    List<Host> hosts,
    Checks checks,
    Alerting alerting,
    SourceMap source) {

  public Spec {
    labels = OrderedCopies.map(labels);
    slos = List.copyOf(slos);
    hosts = List.copyOf(hosts);
    source = source == null ? SourceMap.EMPTY : source;
  }

  /** Returns the hosts to check: the spec's hosts, or the single local host when none are listed. */
  public List<Host> effectiveHosts() {
    return hosts.isEmpty() ? List.of(Host.local()) : hosts;
  }
}
