package dev.opsbook.rulegen.promtool;

import dev.opsbook.rulegen.promql.Num;
import dev.opsbook.rulegen.promql.Promql;
import dev.opsbook.spec.model.Sli;
import dev.opsbook.spec.model.Slo;
import dev.opsbook.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;

/** Lists the PromQL that a spec contains, each with the field path it came from. */
final class SpecQueries {

  private SpecQueries() {}

  /**
   * One query to parse.
   *
   * @param path spec field path, such as {@code slos[0].sli.events.bad}
   * @param query the query as the spec states it
   * @param embedded the query inside the expression that the rules build around it
   * @param usage what kind of query the field must hold, for the error message
   */
  record SpecQuery(String path, String query, String embedded, String usage) {}

  static List<SpecQuery> of(Spec spec) {
    List<SpecQuery> queries = new ArrayList<>();
    for (int i = 0; i < spec.slos().size(); i++) {
      Slo slo = spec.slos().get(i);
      String sliPath = "slos[" + i + "].sli";
      Sli sli = slo.sli();
      if (sli instanceof Sli.EventRatio events) {
        queries.add(counter(sliPath + ".events.bad", events.badQuery()));
        queries.add(counter(sliPath + ".events.total", events.totalQuery()));
      } else if (sli instanceof Sli.Latency latency) {
        queries.add(latency(sliPath + ".latency", latency));
      } else if (sli instanceof Sli.GaugeThreshold gauge) {
        String bad = "(" + gauge.query() + ") < bool " + Num.format(gauge.bound());
        queries.add(
            new SpecQuery(
                sliPath + ".gauge.query",
                gauge.query(),
                "avg_over_time((" + bad + ")[5m:])",
                "an instant vector, such as fps{job=\"api\"}"));
      }
    }
    return queries;
  }

  private static SpecQuery counter(String path, String query) {
    return new SpecQuery(
        path,
        query,
        "rate(" + query + "[5m])",
        "a counter selector, such as http_requests_total{job=\"api\"}");
  }

  private static SpecQuery latency(String path, Sli.Latency latency) {
    boolean noSelector = latency.selector() == null || latency.selector().isBlank();
    String count = Promql.selectorOf(latency.metric() + "_count", latency.selector());
    return new SpecQuery(
        noSelector ? path + ".metric" : path + ".selector",
        count,
        "rate(" + count + "[5m])",
        "label matchers without braces, such as job=\"api\"");
  }
}
