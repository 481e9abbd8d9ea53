package dev.opsbook.exporter.collect.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsbook.exporter.collect.CheckFailure;
import dev.opsbook.exporter.collect.Resources;
import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.collect.systemd.SystemctlShowParser.UnitState;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.spec.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdUnitsCheckTest {

  @Test
  void samplesOfCapturedUnits() throws Exception {
    List<String> names =
        List.of("godot-spacetime.service", "certbot.timer", "nginx.service", "spacetime-worker");
    List<UnitState> states = SystemctlShowParser.parse(Resources.text("systemd/show-units.txt"));
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      samples.addAll(SystemdUnitsCheck.samplesOf(names.get(i), states.get(i)));
    }

    assertThat(active(samples, "godot-spacetime.service")).isEqualTo(1.0);
    assertThat(active(samples, "certbot.timer")).isEqualTo(1.0);
    assertThat(active(samples, "nginx.service")).isEqualTo(0.0);
    assertThat(active(samples, "spacetime-worker")).isEqualTo(0.0);
    Map<String, String> missingInfo =
        Map.of(
            MetricNames.LABEL_UNIT, "spacetime-worker",
            MetricNames.LABEL_LOAD_STATE, "not-found",
            MetricNames.LABEL_ACTIVE_STATE, "inactive",
            MetricNames.LABEL_SUB_STATE, "dead");
    assertThat(Samples.value(samples, MetricNames.SYSTEMD_UNIT_INFO, missingInfo)).isEqualTo(1.0);
    Map<String, String> nginx = Map.of(MetricNames.LABEL_UNIT, "nginx.service");
    assertThat(Samples.value(samples, MetricNames.SYSTEMD_UNIT_RESTARTS_TOTAL, nginx)).isEqualTo(4);
    Map<String, String> timer = Map.of(MetricNames.LABEL_UNIT, "certbot.timer");
    assertThat(Samples.find(samples, MetricNames.SYSTEMD_UNIT_RESTARTS_TOTAL, timer)).isEmpty();
    Map<String, String> missing = Map.of(MetricNames.LABEL_UNIT, "spacetime-worker");
    assertThat(
            Samples.find(samples, MetricNames.SYSTEMD_UNIT_ACTIVE_ENTER_TIMESTAMP_SECONDS, missing))
        .isEmpty();
    Map<String, String> service = Map.of(MetricNames.LABEL_UNIT, "godot-spacetime.service");
    assertThat(
            Samples.value(samples, MetricNames.SYSTEMD_UNIT_ACTIVE_ENTER_TIMESTAMP_SECONDS, service))
        .isEqualTo(1796292902.0);
  }

  /**
   * The test machine has no systemd as PID 1, so the real systemctl fails. The check must turn
   * that into a failure that names the cause.
   */
  @Test
  void realSystemctlWithoutSystemdFails() {
    SystemdUnitsCheck check =
        new SystemdUnitsCheck(List.of("ssh.service", "x; touch /tmp/opsbook-pwned"), Duration.ofSeconds(30));

    assertThatThrownBy(() -> check.collect(new LocalRunner("local", 1 << 20)))
        .isInstanceOf(CheckFailure.class)
        .hasMessageContaining("host local")
        .hasMessageContaining("systemd")
        .extracting(e -> ((CheckFailure) e).reason())
        .isEqualTo("exit_status");
  }

  @Test
  void commandQuotesUnitNames() {
    String command = SystemctlShowCommand.build(List.of("a.service", "x; touch y"));

    assertThat(command).endsWith("-- 'a.service' 'x; touch y'");
  }

  private static double active(List<Sample> samples, String unit) {
    return Samples.value(samples, MetricNames.SYSTEMD_UNIT_ACTIVE, Map.of(MetricNames.LABEL_UNIT, unit));
  }
}
