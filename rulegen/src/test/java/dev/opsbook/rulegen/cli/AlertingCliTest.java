package dev.opsbook.rulegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate and check with alertmanager.yml and the promtool tests, and alerting sections that
 * must be rejected, read by the real spec loader from variants of the repository's spec.
 */
class AlertingCliTest {

  @TempDir Path temp;

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    return Files.isRegularFile(dir.resolve("slo-spec.yaml")) ? dir : dir.getParent();
  }

  private static String spec() throws Exception {
    return Files.readString(root().resolve("slo-spec.yaml"));
  }

  private Path write(String text) throws Exception {
    return Files.writeString(temp.resolve("slo-spec.yaml"), text);
  }

  private CliRun generate(Path spec, Path out) {
    return CliRun.of(SpecLoader::load, "generate", spec.toString(), "--out", out.toString());
  }

  @Test
  void generateWritesAlertmanagerConfigAndTests() throws Exception {
    Path out = temp.resolve("generated");

    CliRun run = generate(write(spec()), out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("wrote 19 files to " + out + "\n");
    assertThat(out.resolve("alertmanager.yml")).isRegularFile();
    assertThat(out.resolve("tests/operations-test.yml")).isRegularFile();
    assertThat(out.resolve("tests/slo-availability-page-test.yml")).isRegularFile();
  }

  @Test
  void specWithoutAlertingWritesNoAlertmanagerConfig() throws Exception {
    String text = spec();
    Path spec = write(text.substring(0, text.indexOf("\nalerting:") + 1));
    Path out = temp.resolve("generated");

    CliRun run = generate(spec, out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("alertmanager.yml")).doesNotExist();
    assertThat(out.resolve("rules/operations.yml")).isRegularFile();
  }

  @Test
  void checkReportsStaleAlertmanagerConfig() throws Exception {
    Path spec = write(spec());
    Path out = temp.resolve("generated");
    generate(spec, out);
    Path config = out.resolve("alertmanager.yml");
    Files.writeString(config, Files.readString(config).replace("repeat_interval: 4h",
        "repeat_interval: 1h"));

    CliRun run = CliRun.of(SpecLoader::load, "check", spec.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.STALE);
    assertThat(run.out()).contains("--- " + config + " (committed)")
        .contains("-      repeat_interval: 1h").contains("+      repeat_interval: 4h");
  }

  @Test
  void checkReportsMissingTestFile() throws Exception {
    Path spec = write(spec());
    Path out = temp.resolve("generated");
    generate(spec, out);
    Files.delete(out.resolve("tests/operations-test.yml"));

    CliRun run = CliRun.of(SpecLoader::load, "check", spec.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.STALE);
    assertThat(run.out()).contains("missing: " + out.resolve("tests/operations-test.yml"));
  }

  @Test
  void ticketRoutedNowhereIsRejected() throws Exception {
    Path spec = write(replace(spec(), "    ticket: slack-operations\n", "    ticket: null\n"));

    assertRejected(spec, ":160:13: alerting.routes.ticket: ticket alerts must go to a receiver");
  }

  @Test
  void unknownReceiverIsRejected() throws Exception {
    Path spec = write(replace(spec(), "    page: pagerduty-oncall\n", "    page: pagerduty\n"));

    assertRejected(spec, ":159:11: alerting.routes.page: unknown receiver \"pagerduty\"");
  }

  @Test
  void inlineSecretIsRejectedWithoutItsValue() throws Exception {
    Path spec = write(replace(spec(),
        "      routing_key_file: /etc/alertmanager/secrets/pagerduty-routing-key\n",
        "      routing_key: 0123456789abcdef\n"));

    String err = assertRejected(spec,
        ":165:7: alerting.receivers[0].routing_key: inline secret in \"routing_key\"");
    assertThat(err).doesNotContain("0123456789abcdef");
  }

  @Test
  void webhookReceiverIsRejectedByRenderer() throws Exception {
    Path spec = write(replace(spec(),
        "      type: slack\n      api_url_file: /etc/alertmanager/secrets/slack-webhook-url\n"
            + "      channel: \"#spacetime-operations\"\n",
        "      type: webhook\n      url_file: /etc/alertmanager/secrets/webhook-url\n"));

    String err = assertRejected(spec, ":167:13: alerting.receivers[1].type: webhook receivers"
        + " are not supported");
    assertThat(err).contains("Alertmanager 0.25");
  }

  /** Runs generate, checks exit code 2, the problem at its position, and nothing written. */
  private String assertRejected(Path spec, String problem) {
    Path out = temp.resolve("generated");

    CliRun run = generate(spec, out);

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains(spec + problem);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
    assertThat(out).doesNotExist();
    return run.err();
  }

  private static String replace(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }
}
