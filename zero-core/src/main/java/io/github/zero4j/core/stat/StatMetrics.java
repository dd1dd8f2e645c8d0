package io.github.zero4j.core.stat;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * go-zero's {@code stat.Metrics}: per-component request statistics that log one line per interval
 * (a minute by default) in go-zero's shape:
 *
 * <pre>{@code
 * (api) - qps: 12.3/s, drops: 0, avg time: 1.2ms, med: 1.0ms, 90th: 2.1ms, 99th: 5.0ms, 99.9th: 9.8ms
 * }</pre>
 *
 * <p>The line goes to the SLF4J logger {@code io.github.zero4j.core.stat.StatMetrics} at INFO
 * (route it to a stat appender as go-zero writes {@code stat.log}); a {@linkplain
 * Builder#listener(Consumer) listener} also receives each {@link StatReport}, e.g. to POST it as
 * go-zero's {@code MetricsUrl} does.
 *
 * <pre>{@code
 * StatMetrics metrics = StatMetrics.builder("api").build();
 * long start = ticker.read();
 * ... handle the request ...
 * metrics.add(ticker.read() - start);   // or metrics.addDrop() when shed
 * metrics.close();                       // on shutdown: logs the partial interval, stops the schedule
 * }</pre>
 *
 * <p>Thread-safety: all methods are thread-safe. {@link #add(long)} and {@link #addDrop()} are
 * wait-free and allocation-free, for request hot paths (except that a latency larger than any seen
 * before may grow the histogram once, under a lock).
 */
public interface StatMetrics extends AutoCloseable {

  /** go-zero's {@code logInterval}: one stat line per minute. */
  Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /** A builder for a metrics component named {@code name} (go-zero uses "api", "rpc", ...). */
  static Builder builder(String name) {
    return new Builder(name);
  }

  /** A component with the defaults: a line every {@link #DEFAULT_INTERVAL}. */
  static StatMetrics of(String name) {
    return builder(name).build();
  }

  /** A component that records and reports nothing. */
  static StatMetrics noop() {
    return NoopStatMetrics.INSTANCE;
  }

  /** The component name shown in the stat line. */
  String name();

  /** Records one completed request that took {@code durationNanos}; negatives count as 0. */
  void add(long durationNanos);

  /** Records one completed request that took {@code duration}. */
  default void add(Duration duration) {
    requireNonNull(duration, "duration");
    add(duration.toNanos());
  }

  /** Records one request that was dropped (shed, rate limited, rejected by a breaker). */
  void addDrop();

  /**
   * Ends the current interval now: computes its report, logs the stat line, notifies the listener
   * and starts a new interval. The scheduler calls this every interval; tests and shutdown hooks
   * may call it directly.
   */
  StatReport report();

  /**
   * Stops the periodic report. If the current interval recorded anything it is reported first, as
   * go-zero flushes its executors on shutdown. Idempotent.
   */
  @Override
  void close();

  /** Builds a {@link StatMetrics}. Not thread-safe; the built object is. */
  final class Builder {
    private final String name;
    private Duration interval = DEFAULT_INTERVAL;
    private Ticker ticker = Ticker.system();
    private Clock clock = Clock.systemUTC();
    private Consumer<StatReport> listener = report -> {};

    Builder(String name) {
      this.name = requireNonNull(name, "name");
    }

    /** How often a line is logged; default {@link StatMetrics#DEFAULT_INTERVAL} (one minute). */
    public Builder interval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
      }
      this.interval = interval;
      return this;
    }

    /** Measures the interval length that qps is divided by; default {@link Ticker#system()}. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** Stamps {@link StatReport#timestamp()}; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Receives every report, on the reporting thread, after the line is logged. It must not block
     * for long: all components share one scheduler thread. Exceptions are logged and ignored.
     */
    public Builder listener(Consumer<StatReport> listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the component and schedules its report on the shared {@code zero4j-core-stat} thread.
     */
    public StatMetrics build() {
      HdrStatMetrics metrics = new HdrStatMetrics(name, interval, ticker, clock, listener);
      metrics.start();
      return metrics;
    }
  }
}
