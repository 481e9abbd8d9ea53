package dev.opsbook.spec;

import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks the {@code version} key before anything else is bound, because another version may
 * mean another schema and its keys would only produce misleading problems.
 */
final class SpecVersion {

  static final int SUPPORTED = 1;

  private SpecVersion() {}

  /**
   * Reports a missing version as a problem and binding goes on as version 1.
   *
   * @throws SpecException when the version is present but not 1
   */
  static void check(MappingNode root, Problems problems) throws SpecException {
    Node value = null;
    for (NodeTuple tuple : root.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("version")) {
        value = tuple.getValueNode();
        break;
      }
    }
    if (value == null) {
      problems.add(
          "version",
          YamlValues.position(root),
          "missing required key \"version\"; add version: " + SUPPORTED + " as the first line");
      return;
    }
    problems.recordPosition("version", YamlValues.position(value));
    boolean supported =
        value instanceof ScalarNode scalar
            && Tag.INT.equals(scalar.getTag())
            && scalar.getValue().equals(String.valueOf(SUPPORTED));
    if (!supported) {
      String got = new YamlValues(problems).describe(value);
      Problem problem =
          new Problem(
              problems.file(),
              YamlValues.position(value).line(),
              YamlValues.position(value).column(),
              "version",
              "unsupported spec version, got "
                  + got
                  + "; this opsbook reads version "
                  + SUPPORTED
                  + " only, so write version: "
                  + SUPPORTED
                  + " or use the opsbook release that wrote the file");
      throw new SpecException(List.of(problem));
    }
  }
}
