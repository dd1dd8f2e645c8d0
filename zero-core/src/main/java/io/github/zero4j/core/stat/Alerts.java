package io.github.zero4j.core.stat;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * go-zero's {@code stat.Report}: alert-level messages ("dropreq, cpu: ...", ...) rate-limited to
 * one per {@linkplain #DEFAULT_INTERVAL 5 minutes}. Suppressed alerts are counted and the next
 * alert that goes out carries {@code dropped: N}. Each alert reads, one item per line:
 *
 * <pre>{@code
 * 2026-08-15 10:04:05
 * cluster: <CLUSTER_NAME>     (only when set)
 * host: <hostname>
 * dropped: 3                  (only when alerts were suppressed)
 * <message, trimmed>
 * }</pre>
 *
 * <p>{@link #global()} is the process-wide reporter (go-zero's is a package global) writing to the
 * SLF4J logger {@code io.github.zero4j.core.stat.Alerts} at ERROR; primitives take an {@code
 * Alerts} in their builders and default to it.
 *
 * <pre>{@code
 * Alerts.global().report("dropreq, cpu: 950, maxPass: 120, ...");
 * }</pre>
 *
 * <p>Thread-safety: thread-safe and lock-free; at most one alert per interval goes out even when
 * many threads report at once.
 */
public interface Alerts {

  /** go-zero's {@code LessExecutor(5 * time.Minute)} in {@code core/stat/alert.go}. */
  Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  /** The environment variable go-zero reads the cluster name from: {@value}. */
  String CLUSTER_NAME_ENV = "CLUSTER_NAME";

  /** The process-wide reporter, logging at ERROR, one alert per {@link #DEFAULT_INTERVAL}. */
  static Alerts global() {
    return RateLimitedAlerts.GLOBAL;
  }

  /** Reports nothing. */
  static Alerts noop() {
    return message -> false;
  }

  /** A builder for a private reporter (own rate limit, sink, clock; mostly for tests). */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Sends {@code message} unless an alert went out within the interval, in which case it is counted
   * as dropped.
   *
   * @return whether this alert was sent
   */
  boolean report(String message);

  /**
   * Like {@link #report(String)}, but builds the message only when the alert is actually sent, so a
   * hot path that reports on every rejection pays no formatting for the suppressed ones.
   *
   * @return whether this alert was sent
   */
  default boolean report(Supplier<String> message) {
    return report(message.get());
  }

  /** Builds an {@link Alerts}. Not thread-safe; the built object is. */
  final class Builder {
    private Duration interval = DEFAULT_INTERVAL;
    private Ticker ticker = Ticker.system();
    private Clock clock = Clock.systemDefaultZone();
    private @Nullable String clusterName = System.getenv(CLUSTER_NAME_ENV);
    private @Nullable String hostname;
    private @Nullable Consumer<String> sink;

    Builder() {}

    /** At most one alert per interval; default {@link Alerts#DEFAULT_INTERVAL} (5 minutes). */
    public Builder interval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("interval: " + interval + " (expected: >= 0)");
      }
      this.interval = interval;
      return this;
    }

    /** Time source of the rate limit; default {@link Ticker#system()}. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** Wall clock and zone of the first line; default {@link Clock#systemDefaultZone()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The {@code cluster:} line; default the {@value Alerts#CLUSTER_NAME_ENV} variable; "" omits
     * it.
     */
    public Builder clusterName(String clusterName) {
      this.clusterName = requireNonNull(clusterName, "clusterName");
      return this;
    }

    /** The {@code host:} line; default this machine's host name, looked up on the first alert. */
    public Builder hostname(String hostname) {
      this.hostname = requireNonNull(hostname, "hostname");
      return this;
    }

    /**
     * Where alerts go (go-zero's {@code SetReporter}); default the SLF4J logger {@code
     * io.github.zero4j.core.stat.Alerts} at ERROR. Exceptions are logged and ignored.
     */
    public Builder sink(Consumer<String> sink) {
      this.sink = requireNonNull(sink, "sink");
      return this;
    }

    public Alerts build() {
      String cluster = clusterName == null ? "" : clusterName;
      return new RateLimitedAlerts(interval, ticker, clock, cluster, hostname, sink);
    }
  }
}
