package io.github.zero4j.stores.limit;

import io.github.zero4j.stores.redis.Redis;
import java.util.concurrent.CompletionStage;

/**
 * go-zero's {@code TokenLimiter}: a token bucket shared through Redis by every instance that uses
 * the same key, holding at most {@code burst} tokens and refilled at {@code rate} tokens per
 * second. Each decision is one atomic Lua call on the keys {@code {key}.tokens} and {@code
 * {key}.ts}, with go-zero's arguments and stored values, so Java and Go services can share a limit.
 *
 * <pre>{@code
 * TokenLimiter limiter = TokenLimiter.builder(redis, "sms:send").rate(5).burst(10).build();
 * if (!limiter.allow()) {
 *   throw new TooManyRequests();
 * }
 * limiter.allowAsync().thenAccept(ok -> ...);
 * }</pre>
 *
 * <p><b>When Redis fails</b> (an error, a timeout, the Redis client's breaker dropping the call, or
 * an unexpected reply) the call is answered by an in-process token bucket, and from then on every
 * call is, without touching Redis, while a background probe PINGs Redis every 100 ms; the first
 * PONG switches back. The in-process bucket runs at {@code rate / instances} with {@code ceil(burst
 * / instances)} tokens, where {@code instances} is the number of live limiter instances on this
 * key, counted through heartbeats in {@code {key}.inst} (the last count seen before the outage). An
 * interrupted call returns {@code false} without falling back (go-zero's cancelled context).
 *
 * <p>Thread-safe and non-blocking apart from the Redis round trip; {@link #allowAsync()} never
 * blocks. {@link #close()} stops the heartbeat and the probe.
 */
public interface TokenLimiter extends AutoCloseable {

  /** A builder for a limiter on {@code key} (the keys become {@code {key}.tokens} etc.). */
  static TokenLimiterBuilder builder(Redis redis, String key) {
    return new TokenLimiterBuilder(redis, key);
  }

  /** A limiter that allows everything: the disabled twin. */
  static TokenLimiter noop() {
    return NoopTokenLimiter.INSTANCE;
  }

  /** The key the Redis keys are derived from. */
  String key();

  /** Takes one token; {@code true} if it was available. */
  default boolean allow() {
    return allow(1);
  }

  /**
   * Takes {@code n} tokens if that many are available, else none (go-zero's {@code AllowN}). A
   * request for more than {@code burst} tokens is never granted.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  boolean allow(int n);

  /** {@link #allow()}, without blocking the caller. The stage never completes exceptionally. */
  default CompletionStage<Boolean> allowAsync() {
    return allowAsync(1);
  }

  /** {@link #allow(int)}, without blocking the caller. The stage never completes exceptionally. */
  CompletionStage<Boolean> allowAsync(int n);

  /** Stops the heartbeat and the Redis probe, and deregisters this instance. Idempotent. */
  @Override
  void close();
}
