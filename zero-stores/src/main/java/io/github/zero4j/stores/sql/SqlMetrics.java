package io.github.zero4j.stores.sql;

import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.stat.MetricNames;
import io.github.zero4j.core.stat.ZeroMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow log and the {@code sql_client_requests_*} meters of one SqlConn (go-zero's {@code sqlx}
 * metrics and {@code logSqlError}/slow-call lines). Thread-safe; meters are looked up once per
 * command and cached.
 */
final class SqlMetrics {
  private static final Logger logger = LoggerFactory.getLogger(SqlConn.class);

  private static final String DURATION_HELP = "mysql client requests duration(ms).";
  private static final String SLOW_HELP = "mysql client requests slow count.";
  private static final String ERROR_HELP = "mysql client requests error count.";
  private static final double NANOS_PER_MILLI = 1_000_000d;

  /** The error label of a call the breaker dropped (go-zero's "breaker"). */
  static final String BREAKER_ERROR = "breaker";

  private final ZeroMeters meters;
  private final long slowNanos;
  private final Map<String, DistributionSummary> durations = new ConcurrentHashMap<>();
  private final Map<String, Counter> slows = new ConcurrentHashMap<>();

  SqlMetrics(MeterRegistry registry, Duration slowThreshold) {
    this.meters = ZeroMeters.of(registry);
    this.slowNanos = slowThreshold.toNanos();
  }

  /** Records one call of {@code command} on {@code sql} that took {@code nanos}. */
  void record(String command, String sql, long nanos, @Nullable Throwable failure) {
    double millis = Math.max(0, nanos) / NANOS_PER_MILLI;
    durations
        .computeIfAbsent(
            command,
            c ->
                meters.durationMs(
                    MetricNames.SQL_CLIENT_REQUESTS_DURATION_MS,
                    DURATION_HELP,
                    MetricNames.STORE_DURATION_BUCKETS_MS,
                    MetricNames.LABEL_COMMAND,
                    c))
        .record(millis);
    if (nanos > slowNanos) {
      slows
          .computeIfAbsent(
              command,
              c ->
                  meters.counter(
                      MetricNames.SQL_CLIENT_REQUESTS_SLOW_TOTAL,
                      SLOW_HELP,
                      MetricNames.LABEL_COMMAND,
                      c))
          .increment();
      logger.warn("[SQL] {}: slowcall({}ms) - {}", command, Math.round(millis), sql);
    }
    if (failure == null) {
      return;
    }
    String label;
    if (failure instanceof BreakerOpenException) {
      label = BREAKER_ERROR;
    } else if (failure instanceof SqlException) {
      SqlException e = (SqlException) failure;
      if (e.acceptable()) {
        return;
      }
      String state = e.sqlState();
      label = state != null ? state : "unknown";
      logger.warn("[SQL] {}: {}", command, e.getMessage());
    } else {
      return; // the caller's own exception (a transaction body, a row mapper)
    }
    meters
        .counter(
            MetricNames.SQL_CLIENT_REQUESTS_ERROR_TOTAL,
            ERROR_HELP,
            MetricNames.LABEL_COMMAND,
            command,
            MetricNames.LABEL_ERROR,
            label)
        .increment();
  }
}
