package dev.opsbook.exporter.collect.apt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.exporter.collect.Samples;
import dev.opsbook.exporter.runner.LocalRunner;
import dev.opsbook.spec.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AptCheckTest {

  /** Runs the real apt-get simulation of this Debian machine, which changes nothing. */
  @Test
  void simulatesUpgradeOnThisMachine() throws Exception {
    AptCheck check = new AptCheck(Duration.ofHours(1));

    List<Sample> samples = check.collect(new LocalRunner("local", 8 << 20));

    double pending = Samples.value(samples, MetricNames.APT_UPGRADES_PENDING, Map.of());
    double security = Samples.value(samples, MetricNames.APT_SECURITY_UPGRADES_PENDING, Map.of());
    assertThat(pending).isGreaterThanOrEqualTo(0);
    assertThat(security).isBetween(0.0, pending);
    assertThat(Samples.value(samples, MetricNames.APT_HELD_PACKAGES, Map.of())).isNotNegative();
    assertThat(Samples.value(samples, MetricNames.APT_PHASED_UPGRADES_DEFERRED, Map.of()))
        .isNotNegative();
  }
}
