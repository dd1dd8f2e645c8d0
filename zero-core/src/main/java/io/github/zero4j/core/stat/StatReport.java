package io.github.zero4j.core.stat;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One interval of a {@link StatMetrics}: go-zero's {@code stat.StatReport}, plus the raw request
 * count. Latencies are in milliseconds.
 *
 * @param name the component name ({@code api}, {@code rpc}, a service name or {@code host:port})
 * @param timestamp wall-clock time of the report, seconds since the epoch
 * @param pid the process id
 * @param requests requests recorded in the interval (drops excluded)
 * @param qps {@code requests} per second over the interval
 * @param drops requests dropped in the interval
 * @param avg mean latency
 * @param med median latency
 * @param t90 90th percentile latency
 * @param t99 99th percentile latency
 * @param t99p9 99.9th percentile latency
 */
public record StatReport(
    String name,
    long timestamp,
    long pid,
    long requests,
    double qps,
    long drops,
    double avg,
    double med,
    double t90,
    double t99,
    double t99p9) {

  public StatReport {
    requireNonNull(name, "name");
  }

  /**
   * go-zero's stat line without the log prefix, e.g. {@code (api) - qps: 12.3/s, drops: 0, avg
   * time: 1.2ms, med: 1.0ms, 90th: 2.1ms, 99th: 5.0ms, 99.9th: 9.8ms}.
   */
  public String line() {
    return String.format(
        Locale.ROOT,
        "(%s) - qps: %.1f/s, drops: %d, avg time: %.1fms, med: %.1fms, 90th: %.1fms, 99th: %.1fms,"
            + " 99.9th: %.1fms",
        name,
        qps,
        drops,
        avg,
        med,
        t90,
        t99,
        t99p9);
  }

  /**
   * The JSON go-zero POSTs to {@code MetricsUrl}: {@code {"name", "tm", "pid", "qps", "drops",
   * "avg", "med", "t90", "t99", "t99p9"}} ({@code requests} is not part of go-zero's shape).
   */
  public String toJson() {
    StringBuilder json = new StringBuilder().append("{\"name\":");
    appendJsonString(json, name);
    json.append(",\"tm\":").append(timestamp);
    json.append(",\"pid\":").append(pid);
    json.append(",\"qps\":").append(qps);
    json.append(",\"drops\":").append(drops);
    json.append(",\"avg\":").append(avg);
    json.append(",\"med\":").append(med);
    json.append(",\"t90\":").append(t90);
    json.append(",\"t99\":").append(t99);
    json.append(",\"t99p9\":").append(t99p9);
    return json.append('}').toString();
  }

  private static void appendJsonString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
