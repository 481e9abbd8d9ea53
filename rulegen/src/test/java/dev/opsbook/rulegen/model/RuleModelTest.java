package dev.opsbook.rulegen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleModelTest {

  @Test
  void labelsAreSortedCopies() {
    var labels = new java.util.HashMap<String, String>(Map.of("b", "2", "a", "1"));

    RecordingRule rule = RecordingRule.of("x:y:z", "up", labels);
    labels.put("c", "3");

    assertThat(rule.labels().keySet()).containsExactly("a", "b");
  }

  @Test
  void invalidNamesRejected() {
    assertThatThrownBy(() -> RecordingRule.of("bad name", "up", Map.of()))
        .hasMessageContaining("invalid metric name \"bad name\"");
    assertThatThrownBy(() -> RecordingRule.of("x", "up", Map.of("__name__", "x")))
        .hasMessageContaining("invalid label name \"__name__\"");
    assertThatThrownBy(() -> RecordingRule.of("x", " ", Map.of()))
        .hasMessageContaining("expr of x must not be empty");
  }

  @Test
  void emptyGroupsAndFilesRejected() {
    assertThatThrownBy(() -> new RuleGroup("g", List.of())).hasMessageContaining("has no rules");
    assertThatThrownBy(() -> new RuleFile("f.yml", List.of())).hasMessageContaining("no groups");
  }

  @Test
  void duplicateGroupNamesRejected() {
    RuleGroup group = new RuleGroup("g", List.of(RecordingRule.of("x", "up", Map.of())));

    assertThatThrownBy(() -> new RuleFile("f.yml", List.of(group, group)))
        .hasMessageContaining("two groups named g");
  }
}
