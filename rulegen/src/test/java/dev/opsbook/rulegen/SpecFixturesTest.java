package dev.opsbook.rulegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.spec.SpecLoader;
import dev.opsbook.spec.model.SourceMap;
import dev.opsbook.spec.model.Spec;
import org.junit.jupiter.api.Test;

/** The hand-built fixture stays equal to what the real loader reads from slo-spec.yaml. */
class SpecFixturesTest {

  @Test
  void fixtureMirrorsRepositorySpec() throws Exception {
    Spec loaded = SpecLoader.load(GoldenFiles.spec());
    Spec withoutSource =
        new Spec(loaded.service(), loaded.labels(), loaded.runbookUrl(), loaded.slos(),
            loaded.hosts(), loaded.checks(), loaded.alerting(), SourceMap.EMPTY);

    assertThat(withoutSource).isEqualTo(SpecFixtures.sloSpec());
  }
}
