package io.github.zero4j.queue.internal;

import java.time.Duration;

/**
 * Retry delays: exponential from a base, capped, with "equal jitter" (half the delay fixed, half
 * random; from the AWS Architecture Blog "Exponential Backoff And Jitter", 2015). Retry {@code n}
 * (from 1) waits between {@code d/2} and {@code d} where {@code d = min(cap, base * 2^(n-1))}, so
 * retries of many failing messages spread out but none retries at once. Immutable, thread-safe.
 */
public final class Backoff {
  /** Doubling stops here: 2^62 nanoseconds is beyond any cap. */
  private static final int MAX_DOUBLINGS = 62;

  private final long baseNanos;
  private final long maxNanos;

  public Backoff(Duration base, Duration max) {
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "backoff: " + base + " to " + max + " (expected: 0 <= base <= max)");
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** The capped exponential delay of retry {@code retry} (from 1), before jitter. */
  public long ceilingNanos(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry: " + retry + " (expected: >= 1)");
    }
    int doublings = Math.min(retry - 1, MAX_DOUBLINGS);
    long delay = baseNanos;
    for (int i = 0; i < doublings && delay < maxNanos; i++) {
      delay = delay > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : delay * 2;
    }
    return Math.min(delay, maxNanos);
  }

  /** The delay of retry {@code retry} given {@code random} in [0, 1). */
  public long delayNanos(int retry, double random) {
    long ceiling = ceilingNanos(retry);
    long half = ceiling / 2;
    return ceiling - half + (long) (half * random);
  }
}
