package dev.opsbook.rulegen.ops;

import static dev.opsbook.spec.MetricNames.CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS;
import static dev.opsbook.spec.MetricNames.TLS_VERIFIED;

import dev.opsbook.rulegen.SpecContext;
import dev.opsbook.rulegen.SpecContext.AlertText;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.PromDuration;
import dev.opsbook.spec.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alerts on certificate files on the hosts and on the TLS endpoints. */
final class CertificateRules {

  /**
   * Remaining validity in words. The alert's value is negative once the certificate has expired,
   * and humanizeDuration would print that as "-1d 0h 0m 2s".
   */
  private static final String EXPIRY_TEXT =
      "{{ if lt $value 0.0 }}has expired{{ else }}expires in {{ $value | humanizeDuration }}"
          + "{{ end }}";

  private static final PromDuration TEN_MINUTES = PromDuration.parse("10m");

  private CertificateRules() {}

  static RuleGroup group(SpecContext context, Checks.Certificates certificates) {
    PromDuration minValidity = certificates.minValidity();
    String seconds = Num.format(minValidity.seconds());
    List<Rule> rules = new ArrayList<>();
    if (!certificates.files().isEmpty()) {
      rules.add(
          context.alert(
              new AlertText(
                  "CertificateFileExpiringSoon",
                  CERTIFICATE_FILE_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS + " - time() < " + seconds,
                  null,
                  "A certificate in {{ $labels.path }} on {{ $labels.host }} expires within "
                      + minValidity + ".",
                  "The earliest certificate in {{ $labels.path }} on {{ $labels.host }} "
                      + EXPIRY_TEXT + "; renew it while more than " + minValidity + " remain."),
              Severity.WARNING,
              Map.of()));
    }
    if (!certificates.endpoints().isEmpty()) {
      rules.add(
          context.alert(
              new AlertText(
                  "TlsCertificateExpiringSoon",
                  TLS_EARLIEST_NOT_AFTER_TIMESTAMP_SECONDS + " - time() < " + seconds,
                  null,
                  "The TLS chain of {{ $labels.endpoint }} expires within " + minValidity + ".",
                  "The earliest certificate served by {{ $labels.endpoint }} " + EXPIRY_TEXT
                      + "; renew it while more than " + minValidity + " remain."),
              Severity.WARNING,
              Map.of()));
      rules.add(
          context.alert(
              new AlertText(
                  "TlsChainNotVerified",
                  TLS_VERIFIED + " == 0",
                  TEN_MINUTES,
                  "The TLS chain of {{ $labels.endpoint }} does not verify.",
                  "The chain served by {{ $labels.endpoint }} has failed verification against"
                      + " the trust store and host name for 10m (" + TLS_VERIFIED
                      + " = {{ $value }}); clients that verify reject the endpoint."),
              Severity.CRITICAL,
              Map.of()));
    }
    return rules.isEmpty() ? null : new RuleGroup("opsbook-certificates", rules);
  }
}
