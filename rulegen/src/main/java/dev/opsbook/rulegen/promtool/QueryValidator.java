package dev.opsbook.rulegen.promtool;

import dev.opsbook.rulegen.model.RecordingRule;
import dev.opsbook.rulegen.model.Rule;
import dev.opsbook.rulegen.model.RuleFile;
import dev.opsbook.rulegen.model.RuleGroup;
import dev.opsbook.rulegen.promtool.SpecQueries.SpecQuery;
import dev.opsbook.rulegen.render.RuleFileWriter;
import dev.opsbook.spec.Problem;
import dev.opsbook.spec.model.SourceMap;
import dev.opsbook.spec.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every PromQL query of a spec parses with promtool's own parser. Each query becomes
 * the expression of a recording rule in a temporary rule file, and each promtool error is mapped
 * back to the spec line of its query.
 */
public final class QueryValidator {

  private static final String RECORD = "rulegen:spec_query:check";

  /** Matches promtool's {@code file: 9:15: group "q1", rule 1, "name": message}. */
  private static final Pattern ERROR_LINE =
      Pattern.compile("group \"(q\\d+)-(raw|embedded)\", rule \\d+, \"[^\"]*\": (.*)");

  private static final String PARSE_PREFIX = "could not parse expression: ";

  private QueryValidator() {}

  /**
   * Returns one problem per invalid query; empty when all parse.
   *
   * @param specFile the spec file name as the user gave it, for the messages
   * @param workDir an existing empty directory for the temporary rule file
   * @throws ToolException when promtool fails in a way that names no query
   */
  public static List<Problem> validate(
      Spec spec, String specFile, Promtool promtool, Path workDir)
      throws ToolException, IOException {
    List<SpecQuery> queries = SpecQueries.of(spec);
    if (queries.isEmpty()) {
      return List.of();
    }
    Path file = workDir.resolve("spec-queries.yml");
    Files.writeString(file, RuleFileWriter.render(ruleFile(queries), specFile));
    Promtool.Result result = promtool.checkRules(List.of(file));
    if (result.exitCode() == 0) {
      return List.of();
    }
    Map<Integer, Problem> problems = new TreeMap<>();
    for (String line : result.output().split("\n")) {
      Matcher matcher = ERROR_LINE.matcher(line);
      if (!matcher.find()) {
        continue;
      }
      int index = Integer.parseInt(matcher.group(1).substring(1));
      boolean raw = matcher.group(2).equals("raw");
      String message = matcher.group(3);
      if (message.startsWith(PARSE_PREFIX)) {
        message = message.substring(PARSE_PREFIX.length());
      }
      SpecQuery query = queries.get(index);
      // The raw error explains more, so it replaces an embedded error of the same query.
      if (raw || !problems.containsKey(index)) {
        problems.put(index, problem(spec.source(), specFile, query, raw, message));
      }
    }
    if (problems.isEmpty()) {
      throw new ToolException(
          "promtool check rules failed on the spec's queries without naming one: "
              + result.output());
    }
    return List.copyOf(problems.values());
  }

  private static RuleFile ruleFile(List<SpecQuery> queries) {
    List<RuleGroup> groups = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      SpecQuery query = queries.get(i);
      groups.add(group("q" + i + "-raw", query.query()));
      groups.add(group("q" + i + "-embedded", query.embedded()));
    }
    return new RuleFile("spec-queries.yml", groups);
  }

  private static RuleGroup group(String name, String expr) {
    List<Rule> rules = List.of(RecordingRule.of(RECORD, expr, Map.of()));
    return new RuleGroup(name, rules);
  }

  private static Problem problem(
      SourceMap source, String specFile, SpecQuery query, boolean raw, String message) {
    String text =
        raw
            ? "invalid PromQL " + quote(query.query()) + ": " + message
            : quote(query.query()) + " parses, but the rules use it as " + query.usage()
                + ", and " + quote(query.embedded()) + " fails: " + message;
    var position = source.positionOf(query.path());
    int line = position.map(SourceMap.Position::line).orElse(0);
    int column = position.map(SourceMap.Position::column).orElse(0);
    return new Problem(specFile, line, column, query.path(), text);
  }

  private static String quote(String query) {
    return "\"" + query.replace("\n", " ") + "\"";
  }
}
