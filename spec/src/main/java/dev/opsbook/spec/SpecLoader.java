package dev.opsbook.spec;

import dev.opsbook.spec.model.Spec;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads and validates {@code slo-spec.yaml} in three steps: check the version, bind the YAML
 * nodes to the model, and validate the bound model. Every step collects problems, so one run
 * reports all of them.
 */
public final class SpecLoader {

  private SpecLoader() {}

  /**
   * Reads, binds and validates a spec file.
   *
   * @throws SpecException with every problem found when the file is missing, unreadable, not YAML
   *     or invalid
   */
  public static Spec load(Path file) throws SpecException {
    return parse(SpecFiles.read(file), file.toString());
  }

  /**
   * Binds and validates spec text, such as a spec embedded in a test.
   *
   * @param text the YAML text
   * @param fileName file name used in problems and in {@link Spec#source()}
   * @throws SpecException with every problem found
   */
  public static Spec parse(String text, String fileName) throws SpecException {
    MappingNode root = YamlParser.parse(fileName, text);
    Problems problems = new Problems(fileName);
    SpecVersion.check(root, problems);
    Spec bound = new SpecBinder(new YamlValues(problems)).bind(root);
    Spec spec =
        new Spec(
            bound.service(),
            bound.labels(),
            bound.runbookUrl(),
            bound.slos(),
            bound.hosts(),
            bound.checks(),
            bound.alerting(),
            problems.sourceMap());
    SpecValidator.validate(spec, problems);
    if (!problems.isEmpty()) {
      throw new SpecException(problems.sorted());
    }
    return spec;
  }
}
