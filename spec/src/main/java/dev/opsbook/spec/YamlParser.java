package dev.opsbook.spec;

import dev.opsbook.spec.model.SourceMap.Position;
import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Parses spec text into a YAML node tree, keeping the position of every node. */
final class YamlParser {

  private YamlParser() {}

  /**
   * Returns the root mapping of the text.
   *
   * @throws SpecException when the text is empty, not YAML, or its top level is not a map
   */
  static MappingNode parse(String file, String text) throws SpecException {
    Node root;
    try {
      // compose() builds nodes only, so no YAML tag can instantiate a Java class.
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw syntaxError(file, e);
    } catch (YAMLException e) {
      throw failure(file, 0, 0, "invalid YAML: " + e.getMessage());
    }
    if (root == null || YamlValues.isNull(root)) {
      throw failure(file, 0, 0, "file is empty; start the spec with version: 1");
    }
    if (!(root instanceof MappingNode mapping)) {
      Position position = YamlValues.position(root);
      throw failure(
          file,
          position.line(),
          position.column(),
          "expected a map of keys such as version, service and slos at the top level, got "
              + new YamlValues(new Problems(file)).describe(root));
    }
    return mapping;
  }

  private static SpecException syntaxError(String file, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    StringBuilder message = new StringBuilder("invalid YAML: ");
    if (e.getContext() != null) {
      message.append(e.getContext()).append(", ");
    }
    message.append(e.getProblem() == null ? "syntax error" : e.getProblem());
    String oneLine = message.toString().replaceAll("\\s*\\n\\s*", " ");
    if (mark == null) {
      return failure(file, 0, 0, oneLine);
    }
    Position position = YamlValues.position(mark);
    return failure(file, position.line(), position.column(), oneLine);
  }

  private static SpecException failure(String file, int line, int column, String message) {
    return new SpecException(List.of(new Problem(file, line, column, "", message)));
  }
}
