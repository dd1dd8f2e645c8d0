package io.github.zero4j.benchmarks.core;

import com.google.common.util.concurrent.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.zero4j.core.limit.TokenBucket;
import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The admission path of an in-process rate limiter: one "may I?" call on a limiter shared by all
 * benchmark threads ({@code Scope.Benchmark}), so two threads contend on the same state.
 *
 * <p>Every limiter is configured so that it almost never refuses: 1e9 permits per second (zero4j's
 * maximum) with one second of burst (1e9 permits), which no thread can exhaust at these speeds.
 * What is measured is therefore the bookkeeping each library does per call, not waiting:
 *
 * <ul>
 *   <li>{@code oursAllow}: {@link TokenBucket#allow()} with its default clock, which for a fill
 *       time of 1 s is {@link Ticker#coarse()} (a volatile read, 1 ms steps);
 *   <li>{@code oursAllowSystemTicker}: the same bucket reading {@link Ticker#system()} ({@code
 *       System.nanoTime()}) on every call, the clock Guava and Resilience4j use;
 *   <li>{@code guavaTryAcquire}: Guava {@code RateLimiter.create(1e9).tryAcquire()} (SmoothBursty,
 *       1 s of stored permits, a {@code synchronized} section and {@code System.nanoTime()});
 *   <li>{@code bucket4jTryConsume}: a Bucket4j local bucket, capacity 1e9, greedy refill of 1e9 per
 *       second, its defaults otherwise (lock-free, millisecond clock), {@code tryConsume(1)};
 *   <li>{@code resilience4jAcquire}: Resilience4j {@code AtomicRateLimiter}, 1e9 permits per 1 s
 *       refresh period, {@code timeoutDuration} 0, {@code acquirePermission()}.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LocalLimiterBenchmark -t 1} and again
 * with {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LocalLimiterBenchmark {
  /** Permits per second for every limiter: zero4j's maximum, far above what two threads ask. */
  private static final int RATE = 1_000_000_000;

  private final TokenBucket ours =
      TokenBucket.builder().name("bench").rate(RATE).burst(RATE).build();

  private final TokenBucket oursSystem =
      TokenBucket.builder().name("bench").rate(RATE).burst(RATE).ticker(Ticker.system()).build();

  private final RateLimiter guava = RateLimiter.create(RATE);

  private final Bucket bucket4j =
      Bucket.builder()
          .addLimit(
              Bandwidth.builder().capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1)).build())
          .build();

  private final io.github.resilience4j.ratelimiter.RateLimiter resilience4j =
      io.github.resilience4j.ratelimiter.RateLimiter.of(
          "bench",
          RateLimiterConfig.custom()
              .limitForPeriod(RATE)
              .limitRefreshPeriod(Duration.ofSeconds(1))
              .timeoutDuration(Duration.ZERO)
              .build());

  @Benchmark
  public boolean oursAllow() {
    return ours.allow();
  }

  @Benchmark
  public boolean oursAllowSystemTicker() {
    return oursSystem.allow();
  }

  @Benchmark
  public boolean guavaTryAcquire() {
    return guava.tryAcquire();
  }

  @Benchmark
  public boolean bucket4jTryConsume() {
    return bucket4j.tryConsume(1);
  }

  @Benchmark
  public boolean resilience4jAcquire() {
    return resilience4j.acquirePermission();
  }
}
