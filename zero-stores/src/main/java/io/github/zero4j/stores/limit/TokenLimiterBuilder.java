package io.github.zero4j.stores.limit;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.stores.redis.Redis;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Builds a {@link TokenLimiter}. {@link #rate(int)} and {@link #burst(int)} are required. Every
 * setter validates its argument at once. Not thread-safe; the limiters it builds are.
 */
public final class TokenLimiterBuilder {

  /**
   * How often each instance refreshes its heartbeat in {@code {key}.inst}: {@value
   * #DEFAULT_HEARTBEAT_MILLIS} ms.
   */
  public static final long DEFAULT_HEARTBEAT_MILLIS = 1000;

  private final Redis redis;
  private final String key;
  private int rate;
  private int burst;
  private InstantSource clock = InstantSource.system();
  private Ticker ticker = Ticker.system();
  private Duration heartbeat = Duration.ofMillis(DEFAULT_HEARTBEAT_MILLIS);

  TokenLimiterBuilder(Redis redis, String key) {
    this.redis = requireNonNull(redis, "redis");
    requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key: \"\" (expected: non-empty)");
    }
    this.key = key;
  }

  /** Tokens added per second, > 0; required. go-zero's {@code rate}. */
  public TokenLimiterBuilder rate(int rate) {
    if (rate <= 0) {
      throw new IllegalArgumentException("rate: " + rate + " (expected: > 0)");
    }
    this.rate = rate;
    return this;
  }

  /** Capacity in tokens, > 0; required. go-zero's {@code burst}. */
  public TokenLimiterBuilder burst(int burst) {
    if (burst <= 0) {
      throw new IllegalArgumentException("burst: " + burst + " (expected: > 0)");
    }
    this.burst = burst;
    return this;
  }

  /**
   * The wall clock whose whole seconds are sent to Redis as {@code now} (go-zero sends the client's
   * Unix time in seconds); the system clock by default.
   */
  public TokenLimiterBuilder clock(InstantSource clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /** The clock of the in-process fallback bucket; {@link Ticker#system()} by default. */
  public TokenLimiterBuilder ticker(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * How often this instance refreshes its heartbeat ({@value #DEFAULT_HEARTBEAT_MILLIS} ms by
   * default); an instance that misses three is no longer counted.
   */
  public TokenLimiterBuilder heartbeat(Duration heartbeat) {
    requireNonNull(heartbeat, "heartbeat");
    if (heartbeat.toMillis() < 1) {
      throw new IllegalArgumentException("heartbeat: " + heartbeat + " (expected: >= 1ms)");
    }
    this.heartbeat = heartbeat;
    return this;
  }

  /**
   * Builds the limiter and starts its heartbeat.
   *
   * @throws IllegalStateException if the rate or the burst was not set
   */
  public TokenLimiter build() {
    if (rate == 0) {
      throw new IllegalStateException("rate must be set");
    }
    if (burst == 0) {
      throw new IllegalStateException("burst must be set");
    }
    RedisTokenLimiter limiter =
        new RedisTokenLimiter(
            redis, key, rate, burst, clock, ticker, heartbeat, LimiterScheduler.INSTANCE);
    limiter.start();
    return limiter;
  }

  static void checkPermits(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
    }
  }
}
