package io.github.zero4j.stores.redis;

import io.github.zero4j.core.stat.MetricNames;
import io.github.zero4j.core.stat.ZeroMeters;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * go-zero's duration hook: times each command, logs the slow ones and records the three redis
 * metrics. Meters are cached per label set in concurrent maps (a lookup is one hash probe after
 * the first call), so a command costs no registry lookup and no allocation on the common path.
 */
final class CommandObserver {
  private static final Logger log = LoggerFactory.getLogger(Redis.class);

  private static final String DURATION_HELP = "redis client requests duration(ms).";
  private static final String ERROR_HELP = "redis client requests error count.";
  private static final String SLOW_HELP = "redis client requests slow count.";

  /** Longest key shown in a slow-call line; longer ones are cut. */
  private static final int MAX_LOGGED_KEY = 128;

  private final ZeroMeters meters;
  private final long slowNanos;
  private final ConcurrentMap<String, DistributionSummary> durations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> slows = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();

  CommandObserver(ZeroMeters meters, Duration slowThreshold) {
    this.meters = meters;
    this.slowNanos = slowThreshold.toNanos();
  }

  void observe(String command, @Nullable String key, long elapsedNanos, @Nullable Throwable error) {
    durations
        .computeIfAbsent(
            command,
            c ->
                meters.durationMs(
                    MetricNames.REDIS_CLIENT_REQUESTS_DURATION_MS,
                    DURATION_HELP,
                    MetricNames.STORE_DURATION_BUCKETS_MS,
                    MetricNames.LABEL_COMMAND,
                    c))
        .record(elapsedNanos / 1e6);
    if (elapsedNanos > slowNanos) {
      slows
          .computeIfAbsent(
              command,
              c ->
                  meters.counter(
                      MetricNames.REDIS_CLIENT_REQUESTS_SLOW_TOTAL,
                      SLOW_HELP,
                      MetricNames.LABEL_COMMAND,
                      c))
          .increment();
      log.warn(
          "[REDIS] slowcall on executing: {} (duration: {}ms)",
          describe(command, key),
          String.format("%.1f", elapsedNanos / 1e6));
    }
    if (error != null) {
      String kind = errorKind(error);
      errors
          .computeIfAbsent(
              command + '\u0000' + kind,
              k ->
                  meters.counter(
                      MetricNames.REDIS_CLIENT_REQUESTS_ERROR_TOTAL,
                      ERROR_HELP,
                      MetricNames.LABEL_COMMAND,
                      command,
                      MetricNames.LABEL_ERROR,
                      kind))
          .increment();
    }
  }

  static String describe(String command, @Nullable String key) {
    if (key == null) {
      return command;
    }
    if (key.length() <= MAX_LOGGED_KEY) {
      return command + ' ' + key;
    }
    return command + ' ' + key.substring(0, MAX_LOGGED_KEY) + "...";
  }

  /**
   * A short, bounded error label: the server's error code ({@code ERR}, {@code WRONGTYPE}, ...),
   * {@code timeout}, {@code connection}, or the exception's simple class name.
   */
  static String errorKind(Throwable error) {
    if (error instanceof RedisException && error.getCause() != null) {
      error = error.getCause();
    }
    if (error instanceof RedisCommandTimeoutException) {
      return "timeout";
    }
    if (error instanceof RedisCommandExecutionException) {
      String message = error.getMessage();
      if (message != null && !message.isEmpty()) {
        int space = message.indexOf(' ');
        return space > 0 ? message.substring(0, space) : message;
      }
      return "server";
    }
    if (error instanceof RedisConnectionException) {
      return "connection";
    }
    String message = error.getMessage();
    if (error instanceof io.lettuce.core.RedisException
        && message != null
        && message.contains("not connected")) {
      return "connection";
    }
    return error.getClass().getSimpleName();
  }
}
