package dev.opsbook.rulegen.alertmanager;

/**
 * Changes that turn the production configuration into one that tests run against a local
 * Alertmanager. Production output uses none of them.
 *
 * @param webhookUrl URL that replaces every receiver's integration with a webhook, or
 *     {@code null} to keep the spec's PagerDuty and Slack integrations
 * @param timing timing of every route, or {@code null} to keep the production timing
 */
public record TestOverrides(String webhookUrl, RouteTiming timing) {

  /** Returns overrides that send every notification to {@code webhookUrl}. */
  public static TestOverrides webhook(String webhookUrl) {
    return new TestOverrides(webhookUrl, null);
  }

  /** Returns a copy that applies {@code newTiming} to every route. */
  public TestOverrides withTiming(RouteTiming newTiming) {
    return new TestOverrides(webhookUrl, newTiming);
  }
}
