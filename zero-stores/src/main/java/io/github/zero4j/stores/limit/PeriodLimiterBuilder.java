package io.github.zero4j.stores.limit;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.redis.Redis;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;

/**
 * Builds a {@link PeriodLimiter}. {@link #period(Duration)} and {@link #quota(int)} are required.
 * Every setter validates its argument at once. Not thread-safe; the limiters it builds are.
 */
public final class PeriodLimiterBuilder {
  private final Redis redis;
  private final String keyPrefix;
  private long periodSeconds;
  private int quota;
  private boolean align;
  private InstantSource clock = InstantSource.system();
  private ZoneId zone = ZoneId.systemDefault();

  PeriodLimiterBuilder(Redis redis, String keyPrefix) {
    this.redis = requireNonNull(redis, "redis");
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
  }

  /** The window length, whole seconds and at least 1 s (go-zero's {@code period} in seconds). */
  public PeriodLimiterBuilder period(Duration period) {
    requireNonNull(period, "period");
    if (period.getSeconds() < 1 || period.getNano() != 0) {
      throw new IllegalArgumentException("period: " + period + " (expected: whole seconds, >= 1s)");
    }
    this.periodSeconds = period.getSeconds();
    return this;
  }

  /** Requests admitted per window, > 0. */
  public PeriodLimiterBuilder quota(int quota) {
    if (quota <= 0) {
      throw new IllegalArgumentException("quota: " + quota + " (expected: > 0)");
    }
    this.quota = quota;
    return this;
  }

  /**
   * Whether windows end on multiples of the period in {@link #zone(ZoneId) the zone} (go-zero's
   * {@code Align()} option); off by default, when each window starts at its first request.
   */
  public PeriodLimiterBuilder align(boolean align) {
    this.align = align;
    return this;
  }

  /** The clock used to align windows; the system clock by default. */
  public PeriodLimiterBuilder clock(InstantSource clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /** The zone aligned windows follow; the system default, as go-zero's local time. */
  public PeriodLimiterBuilder zone(ZoneId zone) {
    this.zone = requireNonNull(zone, "zone");
    return this;
  }

  /**
   * Builds the limiter.
   *
   * @throws IllegalStateException if the period or the quota was not set
   */
  public PeriodLimiter build() {
    if (periodSeconds == 0) {
      throw new IllegalStateException("period must be set");
    }
    if (quota == 0) {
      throw new IllegalStateException("quota must be set");
    }
    return new RedisPeriodLimiter(redis, keyPrefix, periodSeconds, quota, align, clock, zone);
  }
}
