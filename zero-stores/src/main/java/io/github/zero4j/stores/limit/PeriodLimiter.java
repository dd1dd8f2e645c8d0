package io.github.zero4j.stores.limit;

import io.github.zero4j.stores.redis.Redis;
import java.util.concurrent.CompletionStage;

/**
 * go-zero's {@code PeriodLimit}: a fixed-window counter in Redis, at most {@code quota} requests
 * per key per {@code period}. Each {@link #take(String)} is one atomic Lua call that increments
 * {@code keyPrefix + key} and sets its TTL to the window on the first hit, exactly as go-zero does,
 * so Java and Go services can share windows.
 *
 * <pre>{@code
 * PeriodLimiter limiter =
 *     PeriodLimiter.builder(redis, "periodlimit:").period(Duration.ofMinutes(1)).quota(5).build();
 * if (!limiter.take("user:" + id).admitted()) {
 *   throw new TooManyRequests();
 * }
 * }</pre>
 *
 * <p>With {@link PeriodLimiterBuilder#align(boolean) align}, windows end on multiples of the period
 * in the limiter's time zone (the system default, as go-zero uses the server's local zone): a
 * period of one day resets at local midnight.
 *
 * <p>There is no fallback: when Redis fails, {@code take} throws {@link
 * io.github.zero4j.stores.redis.RedisException} or the Redis client's {@link
 * io.github.zero4j.core.breaker.BreakerOpenException} (go-zero returns the error with {@code
 * Unknown}); the caller decides whether to admit. Thread-safe.
 */
public interface PeriodLimiter {

  /** A builder for a limiter whose Redis keys are {@code keyPrefix + key}. */
  static PeriodLimiterBuilder builder(Redis redis, String keyPrefix) {
    return new PeriodLimiterBuilder(redis, keyPrefix);
  }

  /** A limiter that admits everything ({@link PeriodResult#ALLOWED}): the disabled twin. */
  static PeriodLimiter noop() {
    return NoopPeriodLimiter.INSTANCE;
  }

  /**
   * Counts one request for {@code key} in the current window.
   *
   * @throws io.github.zero4j.stores.redis.RedisException if Redis fails or answers an unknown code
   * @throws io.github.zero4j.core.breaker.BreakerOpenException if the Redis breaker drops the call
   */
  PeriodResult take(String key);

  /** {@link #take(String)} without blocking; failures complete the stage exceptionally. */
  CompletionStage<PeriodResult> takeAsync(String key);
}
