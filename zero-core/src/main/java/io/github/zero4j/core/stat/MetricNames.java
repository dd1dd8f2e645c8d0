package io.github.zero4j.core.stat;

import java.util.List;

/**
 * go-zero's Prometheus metric names, label names, help texts and histogram buckets, in one place so
 * every zero4j module exports what go-zero dashboards query. Durations are histograms in
 * milliseconds; {@code *_total} are counters. Sources: go-zero {@code
 * rest/handler/prometheushandler.go}, {@code
 * zrpc/internal/serverinterceptors/prometheusinterceptor.go}, {@code
 * zrpc/internal/clientinterceptors/prometheusinterceptor.go}, {@code core/stores/redis/metrics.go},
 * {@code core/stores/sqlx/metrics.go}, {@code rest/httpc/internal/metricsinterceptor.go}.
 *
 * <p>Record them through {@link ZeroMeters}, which builds Micrometer meters with these names,
 * labels and buckets.
 */
public final class MetricNames {

  // ---- label names ----

  /** Label: the route pattern ({@code /users/:id}) of a REST request. */
  public static final String LABEL_PATH = "path";

  /** Label: the HTTP method, or the full gRPC method ({@code /pkg.Service/Method}). */
  public static final String LABEL_METHOD = "method";

  /** Label: the HTTP status code, or the numeric gRPC status code, as a decimal string. */
  public static final String LABEL_CODE = "code";

  /** Label: the Redis or SQL command. */
  public static final String LABEL_COMMAND = "command";

  /** Label: the error of a failed Redis or SQL command. */
  public static final String LABEL_ERROR = "error";

  /** Label: the httpc client name. */
  public static final String LABEL_NAME = "name";

  /** Label: the httpc request URL without query, fragment and user info. */
  public static final String LABEL_URL = "url";

  // ---- REST server: labels path, method, code ----

  /** Histogram (ms), labels {@code path, method, code}. */
  public static final String HTTP_SERVER_REQUESTS_DURATION_MS = "http_server_requests_duration_ms";

  /** Counter, labels {@code path, method, code}. */
  public static final String HTTP_SERVER_REQUESTS_CODE_TOTAL = "http_server_requests_code_total";

  public static final String HTTP_SERVER_REQUESTS_DURATION_HELP =
      "http server requests duration(ms).";
  public static final String HTTP_SERVER_REQUESTS_CODE_HELP = "http server requests error count.";

  /**
   * Buckets of {@link #HTTP_SERVER_REQUESTS_DURATION_MS}: 5, 10, 25, 50, 100, 250, 500, 750, 1000.
   */
  public static final List<Double> HTTP_SERVER_DURATION_BUCKETS_MS =
      List.of(5d, 10d, 25d, 50d, 100d, 250d, 500d, 750d, 1000d);

  // ---- zRPC server and client: labels method (+ code) ----

  /** Histogram (ms), label {@code method}. */
  public static final String RPC_SERVER_REQUESTS_DURATION_MS = "rpc_server_requests_duration_ms";

  /** Counter, labels {@code method, code} (numeric gRPC code). */
  public static final String RPC_SERVER_REQUESTS_CODE_TOTAL = "rpc_server_requests_code_total";

  public static final String RPC_SERVER_REQUESTS_DURATION_HELP =
      "rpc server requests duration(ms).";
  public static final String RPC_SERVER_REQUESTS_CODE_HELP = "rpc server requests code count.";

  /** Histogram (ms), label {@code method}. */
  public static final String RPC_CLIENT_REQUESTS_DURATION_MS = "rpc_client_requests_duration_ms";

  /** Counter, labels {@code method, code} (numeric gRPC code). */
  public static final String RPC_CLIENT_REQUESTS_CODE_TOTAL = "rpc_client_requests_code_total";

  public static final String RPC_CLIENT_REQUESTS_DURATION_HELP =
      "rpc client requests duration(ms).";
  public static final String RPC_CLIENT_REQUESTS_CODE_HELP = "rpc client requests code count.";

  /**
   * Buckets of the RPC server and client duration histograms: 1, 2, 5, 10, 25, 50, 100, 250, 500,
   * 1000, 2000, 5000.
   */
  public static final List<Double> RPC_DURATION_BUCKETS_MS =
      List.of(1d, 2d, 5d, 10d, 25d, 50d, 100d, 250d, 500d, 1000d, 2000d, 5000d);

  // ---- Redis and SQL clients: label command (+ error) ----

  /** Histogram (ms), label {@code command}. */
  public static final String REDIS_CLIENT_REQUESTS_DURATION_MS =
      "redis_client_requests_duration_ms";

  /** Counter, labels {@code command, error}. */
  public static final String REDIS_CLIENT_REQUESTS_ERROR_TOTAL =
      "redis_client_requests_error_total";

  /** Counter, label {@code command}. */
  public static final String REDIS_CLIENT_REQUESTS_SLOW_TOTAL = "redis_client_requests_slow_total";

  /** Histogram (ms), label {@code command}. */
  public static final String SQL_CLIENT_REQUESTS_DURATION_MS = "sql_client_requests_duration_ms";

  /** Counter, labels {@code command, error}. */
  public static final String SQL_CLIENT_REQUESTS_ERROR_TOTAL = "sql_client_requests_error_total";

  /** Counter, label {@code command}. */
  public static final String SQL_CLIENT_REQUESTS_SLOW_TOTAL = "sql_client_requests_slow_total";

  /**
   * Buckets of the Redis and SQL duration histograms: 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 25, 50, 100,
   * 250, 500, 1000, 2000, 5000, 10000, 15000. Through Micrometer the fractional ones only see
   * values rounded up to whole milliseconds (see {@link ZeroMeters}).
   */
  public static final List<Double> STORE_DURATION_BUCKETS_MS =
      List.of(
          0.25, 0.5, 1d, 1.5, 2d, 3d, 5d, 10d, 25d, 50d, 100d, 250d, 500d, 1000d, 2000d, 5000d,
          10000d, 15000d);

  // ---- HTTP client (httpc): labels name, method, url (+ code) ----

  /** Histogram (ms), labels {@code name, method, url}. */
  public static final String HTTPC_CLIENT_REQUESTS_DURATION_MS =
      "httpc_client_requests_duration_ms";

  /** Counter, labels {@code name, method, url, code}. */
  public static final String HTTPC_CLIENT_REQUESTS_CODE_TOTAL = "httpc_client_requests_code_total";

  /**
   * Buckets of {@link #HTTPC_CLIENT_REQUESTS_DURATION_MS}: 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100,
   * 250, 500, 1000, 2000, 5000, 10000, 15000.
   */
  public static final List<Double> HTTPC_DURATION_BUCKETS_MS =
      List.of(
          0.25, 0.5, 1d, 2d, 5d, 10d, 25d, 50d, 100d, 250d, 500d, 1000d, 2000d, 5000d, 10000d,
          15000d);

  private MetricNames() {}
}
