package io.github.zero4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file into a table of ours against each baseline in the same class, with
 * the same parameters and thread count.
 *
 * <p>Ratio is always "how many times better ours is": peer time / our time for time modes, our
 * throughput / peer throughput for throughput mode. Above 1 we win.
 *
 * <pre>java -cp benchmarks.jar io.github.zero4j.benchmarks.BenchReport t1.json t2.json</pre>
 */
public final class BenchReport {
  private BenchReport() {}

  record Row(String group, String method, String mode, double score, double error, String unit) {
    boolean ours() {
      return method.startsWith("ours");
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: BenchReport <jmh-result.json>...");
      System.exit(2);
    }
    List<String> files = new ArrayList<>();
    for (String arg : args) {
      files.add(Files.readString(Path.of(arg)));
    }
    System.out.print(render(files));
  }

  static String render(List<String> jsonFiles) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> results = new ArrayList<>();
    for (String json : jsonFiles) {
      mapper.readTree(json).forEach(results::add);
    }
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String benchmark = r.get("benchmark").asText();
      int dot = benchmark.lastIndexOf('.');
      String clazz = benchmark.substring(0, dot);
      String method = benchmark.substring(dot + 1);
      StringBuilder group = new StringBuilder(clazz.substring(clazz.lastIndexOf('.') + 1));
      group.append(" threads=").append(r.get("threads").asInt());
      JsonNode params = r.get("params");
      if (params != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          group.append(' ').append(p.getKey()).append('=').append(p.getValue().asText());
        }
      }
      JsonNode metric = r.get("primaryMetric");
      groups
          .computeIfAbsent(group.toString(), k -> new ArrayList<>())
          .add(
              new Row(
                  group.toString(),
                  method,
                  r.get("mode").asText(),
                  metric.get("score").asDouble(),
                  metric.get("scoreError").asDouble(),
                  metric.get("scoreUnit").asText()));
    }

    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "| %-48s | %-28s | %14s | %-10s | %s |%n",
            "benchmark",
            "method",
            "score",
            "unit",
            "ratio (ours/peer, >1 = ours better)"));
    out.append("|")
        .append("-".repeat(50))
        .append("|")
        .append("-".repeat(30))
        .append("|")
        .append("-".repeat(16))
        .append("|")
        .append("-".repeat(12))
        .append("|")
        .append("-".repeat(38))
        .append("|\n");
    for (List<Row> rows : groups.values()) {
      List<Row> ours = rows.stream().filter(Row::ours).toList();
      for (Row row : rows) {
        String ratio = "";
        if (!row.ours() && !ours.isEmpty()) {
          StringBuilder sb = new StringBuilder();
          for (Row o : ours) {
            double x =
                "thrpt".equals(row.mode()) ? o.score() / row.score() : row.score() / o.score();
            sb.append(String.format(Locale.ROOT, "%s %.2fx ", o.method(), x));
          }
          ratio = sb.toString().trim();
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %-48s | %-28s | %8.2f ± %-5.2f | %-10s | %s |%n",
                row.group(),
                row.method(),
                row.score(),
                row.error(),
                row.unit(),
                ratio));
      }
    }
    return out.toString();
  }
}
