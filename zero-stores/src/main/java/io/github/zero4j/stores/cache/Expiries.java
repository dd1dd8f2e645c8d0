package io.github.zero4j.stores.cache;

import java.time.Duration;

/** Expiry arithmetic shared by the cache and its stores. */
final class Expiries {
  /** go-zero's {@code expiryDeviation}: TTLs are spread over +/- 5 %. */
  static final double DEVIATION = 0.05;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Expiries() {}

  /**
   * go-zero's {@code mathx.Unstable.AroundDuration}: {@code d * (1 + dev - 2 * dev * u)} for {@code
   * u} in [0, 1), so within (0.95 d, 1.05 d].
   */
  static Duration around(Duration d, double u) {
    double factor = 1 + DEVIATION - 2 * DEVIATION * u;
    return Duration.ofNanos((long) (d.toNanos() * factor));
  }

  /** Whole seconds, rounded up, as go-zero passes to {@code SETEX}; at least 1. */
  static long ceilSeconds(Duration d) {
    long nanos = d.toNanos();
    long seconds = nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND == 0 ? 0 : 1);
    return Math.max(1, seconds);
  }
}
