package dev.opsbook.exporter.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsbook.exporter.collect.Sample;
import dev.opsbook.spec.MetricNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

  @Test
  void everyMetricNameHasAnEntry() throws IllegalAccessException {
    List<String> missing = new ArrayList<>();
    for (String name : metricNames()) {
      if (MetricCatalog.get(name) == null) {
        missing.add(name);
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void countersEndWithTotal() {
    MetricCatalog.all()
        .forEach(
            (name, entry) ->
                assertThat(name.endsWith("_total"))
                    .as(name)
                    .isEqualTo(entry.type() == Sample.Type.COUNTER));
  }

  /** Returns the values of MetricNames constants that are metric names, not labels or checks. */
  private static List<String> metricNames() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field field : MetricNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String value = (String) field.get(null);
        if (value.startsWith(MetricNames.PREFIX) && !value.equals(MetricNames.PREFIX)) {
          names.add(value);
        }
      }
    }
    return names;
  }
}
