package io.github.zero4j.core.stat;

import static io.github.zero4j.core.stat.MetricNames.LABEL_CODE;
import static io.github.zero4j.core.stat.MetricNames.LABEL_METHOD;
import static io.github.zero4j.core.stat.MetricNames.LABEL_PATH;
import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * Micrometer meters under go-zero's Prometheus names ({@link MetricNames}), recorded into one
 * {@link MeterRegistry}: an injected one, or Micrometer's {@link Metrics#globalRegistry} by default
 * (which records nothing until a registry such as Prometheus' is added to it, like go-zero records
 * nothing until Prometheus is enabled).
 *
 * <pre>{@code
 * ZeroMeters meters = ZeroMeters.of(prometheusRegistry);   // or ZeroMeters.global()
 * meters.recordHttpServer("/users/:id", "GET", 200, elapsedNanos);
 * meters.recordRpcServer("/user.User/Get", 0, elapsedNanos);
 * }</pre>
 *
 * <p>Durations are {@link DistributionSummary distribution summaries} in milliseconds with
 * go-zero's explicit buckets, not {@code Timer}s: a Micrometer timer is exported in seconds with a
 * {@code _seconds} suffix, which go-zero dashboards would not find. Amounts are fractional
 * milliseconds (go-zero truncates to whole ones); the sum is exact, but Micrometer rounds each
 * amount up to a whole number before counting it into a bucket. For whole-millisecond boundaries
 * (every REST and RPC bucket) that is exact; for the sub-millisecond boundaries of the store and
 * httpc histograms (0.25, 0.5, 1.5) a value is counted one boundary late. Each recording looks the
 * meter up in the registry (a concurrent map lookup); callers on very hot paths may keep the
 * returned meters of {@link #durationMs} and {@link #counter} instead.
 *
 * <p>Thread-safety: immutable and thread-safe, as are the meters.
 */
public final class ZeroMeters {
  private static final ZeroMeters GLOBAL = new ZeroMeters(Metrics.globalRegistry);

  private static final double NANOS_PER_MILLI = 1e6;

  private final MeterRegistry registry;

  private ZeroMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters in {@link Metrics#globalRegistry}. */
  public static ZeroMeters global() {
    return GLOBAL;
  }

  /** Meters in {@code registry}. */
  public static ZeroMeters of(MeterRegistry registry) {
    return new ZeroMeters(requireNonNull(registry, "registry"));
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The millisecond histogram {@code name} with the given buckets and labels ({@code key, value,
   * ...}), registered on first use.
   */
  public DistributionSummary durationMs(
      String name, String help, List<Double> bucketsMs, String... labels) {
    requireNonNull(name, "name");
    requireNonNull(help, "help");
    requireNonNull(bucketsMs, "bucketsMs");
    double[] buckets = new double[bucketsMs.size()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = bucketsMs.get(i);
    }
    return DistributionSummary.builder(name)
        .description(help)
        .tags(Tags.of(labels))
        .serviceLevelObjectives(buckets)
        .publishPercentileHistogram(false)
        .register(registry);
  }

  /** The counter {@code name} with the given labels ({@code key, value, ...}). */
  public Counter counter(String name, String help, String... labels) {
    requireNonNull(name, "name");
    requireNonNull(help, "help");
    return Counter.builder(name).description(help).tags(Tags.of(labels)).register(registry);
  }

  /**
   * A REST request: {@code http_server_requests_duration_ms} and {@code
   * http_server_requests_code_total}, both labelled {@code path, method, code}.
   */
  public void recordHttpServer(String path, String method, int code, long durationNanos) {
    String[] labels = {LABEL_PATH, path, LABEL_METHOD, method, LABEL_CODE, Integer.toString(code)};
    durationMs(
            MetricNames.HTTP_SERVER_REQUESTS_DURATION_MS,
            MetricNames.HTTP_SERVER_REQUESTS_DURATION_HELP,
            MetricNames.HTTP_SERVER_DURATION_BUCKETS_MS,
            labels)
        .record(toMillis(durationNanos));
    counter(
            MetricNames.HTTP_SERVER_REQUESTS_CODE_TOTAL,
            MetricNames.HTTP_SERVER_REQUESTS_CODE_HELP,
            labels)
        .increment();
  }

  /**
   * A served RPC: {@code rpc_server_requests_duration_ms{method}} and {@code
   * rpc_server_requests_code_total{method, code}}, {@code code} the numeric gRPC status code.
   */
  public void recordRpcServer(String method, int code, long durationNanos) {
    durationMs(
            MetricNames.RPC_SERVER_REQUESTS_DURATION_MS,
            MetricNames.RPC_SERVER_REQUESTS_DURATION_HELP,
            MetricNames.RPC_DURATION_BUCKETS_MS,
            LABEL_METHOD,
            method)
        .record(toMillis(durationNanos));
    counter(
            MetricNames.RPC_SERVER_REQUESTS_CODE_TOTAL,
            MetricNames.RPC_SERVER_REQUESTS_CODE_HELP,
            LABEL_METHOD,
            method,
            LABEL_CODE,
            Integer.toString(code))
        .increment();
  }

  /**
   * An RPC made: {@code rpc_client_requests_duration_ms{method}} and {@code
   * rpc_client_requests_code_total{method, code}}, {@code code} the numeric gRPC status code.
   */
  public void recordRpcClient(String method, int code, long durationNanos) {
    durationMs(
            MetricNames.RPC_CLIENT_REQUESTS_DURATION_MS,
            MetricNames.RPC_CLIENT_REQUESTS_DURATION_HELP,
            MetricNames.RPC_DURATION_BUCKETS_MS,
            LABEL_METHOD,
            method)
        .record(toMillis(durationNanos));
    counter(
            MetricNames.RPC_CLIENT_REQUESTS_CODE_TOTAL,
            MetricNames.RPC_CLIENT_REQUESTS_CODE_HELP,
            LABEL_METHOD,
            method,
            LABEL_CODE,
            Integer.toString(code))
        .increment();
  }

  /** Nanoseconds as fractional milliseconds (go-zero truncates to whole milliseconds). */
  static double toMillis(long durationNanos) {
    return Math.max(0, durationNanos) / NANOS_PER_MILLI;
  }

  @Override
  public String toString() {
    return "ZeroMeters(" + registry.getClass().getSimpleName() + ")";
  }
}
