package dev.opsbook.exporter;

import dev.opsbook.spec.model.Checks;
import dev.opsbook.spec.model.Host;
import dev.opsbook.spec.model.Spec;
import java.util.List;
import java.util.Map;

/** Specs built in code, for tests that do not exercise the YAML parser. */
public final class TestSpecs {

  private TestSpecs() {}

  /** Returns a spec with the hosts and no configured checks. */
  public static Spec withHosts(Host... hosts) {
    return new Spec(
        "test-service",
        Map.of(),
        "https://runbooks.example.com/test",
        List.of(),
        List.of(hosts),
        new Checks(null, null, null, null, null, null, null, null, null, null),
        null,
        null);
  }

  public static Host remote(String name, Map<String, String> labels) {
    return new Host(name, name + ".example.internal", "monitor", 22, labels);
  }
}
