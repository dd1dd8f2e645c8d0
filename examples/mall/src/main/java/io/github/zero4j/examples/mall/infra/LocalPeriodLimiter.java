package io.github.zero4j.examples.mall.infra;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.stores.limit.PeriodLimiter;
import io.github.zero4j.stores.limit.PeriodResult;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * zero-stores' {@link PeriodLimiter} contract in process: the embedded mode's stand-in for the
 * Redis period limiter, with the same counting. Each key has a counter that starts with the key's
 * first request in a window and expires {@code period} seconds later (or, with align, at the next
 * multiple of the period in the zone's local time, as {@code RedisPeriodLimiter} computes it); a
 * request with count {@code < quota} is {@link PeriodResult#ALLOWED}, {@code == quota} {@link
 * PeriodResult#HIT_QUOTA}, {@code > quota} {@link PeriodResult#OVER_QUOTA}, and the counter keeps
 * counting past the quota, as go-zero's script does.
 *
 * <p>Time: the {@link Ticker} measures unaligned windows; aligned windows need the wall clock and
 * use {@code clock} and {@code zone}. Expired counters are swept at most once per period, on a
 * {@code take}. Thread-safe: each key's count changes atomically ({@code
 * ConcurrentHashMap.compute}).
 */
final class LocalPeriodLimiter implements PeriodLimiter {
  private final String keyPrefix;
  private final long periodSeconds;
  private final int quota;
  private final boolean align;
  private final Ticker ticker;
  private final InstantSource clock;
  private final ZoneId zone;
  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong nextSweep;

  LocalPeriodLimiter(
      String keyPrefix, PeriodLimitConf conf, Ticker ticker, InstantSource clock, ZoneId zone) {
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
    requireNonNull(conf, "conf");
    this.periodSeconds = conf.period();
    this.quota = conf.quota();
    this.align = conf.align();
    this.ticker = requireNonNull(ticker, "ticker");
    this.clock = requireNonNull(clock, "clock");
    this.zone = requireNonNull(zone, "zone");
    this.nextSweep = new AtomicLong(now() + periodNanos());
  }

  @Override
  public PeriodResult take(String key) {
    requireNonNull(key, "key");
    long now = now();
    sweep(now);
    Window window =
        windows.compute(
            keyPrefix + key,
            (k, current) ->
                current == null || current.expired(now)
                    ? new Window(now + windowNanos(), 1)
                    : new Window(current.expiresAt, current.count + 1));
    if (window.count < quota) {
      return PeriodResult.ALLOWED;
    }
    return window.count == quota ? PeriodResult.HIT_QUOTA : PeriodResult.OVER_QUOTA;
  }

  @Override
  public CompletionStage<PeriodResult> takeAsync(String key) {
    return CompletableFuture.completedStage(take(key));
  }

  /** Nanoseconds on this limiter's time line: the wall clock when aligned, else the ticker. */
  private long now() {
    if (!align) {
      return ticker.read();
    }
    Instant now = clock.instant();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  /** How long a window opened now lasts: the period, or the seconds left in the aligned period. */
  private long windowNanos() {
    if (!align) {
      return periodNanos();
    }
    Instant now = clock.instant();
    int offset = zone.getRules().getOffset(now).getTotalSeconds();
    long left = periodSeconds - Math.floorMod(now.getEpochSecond() + offset, periodSeconds);
    // Redis expires the key `left` whole seconds after the INCRBY; on whole seconds, as Redis does.
    return TimeUnit.SECONDS.toNanos(left) - now.getNano();
  }

  private long periodNanos() {
    return TimeUnit.SECONDS.toNanos(periodSeconds);
  }

  private void sweep(long now) {
    long due = nextSweep.get();
    if (now - due >= 0 && nextSweep.compareAndSet(due, now + periodNanos())) {
      windows.values().removeIf(window -> window.expired(now));
    }
  }

  /** Number of keys with a counter, expired or not yet swept; for tests. */
  int size() {
    return windows.size();
  }

  @Override
  public String toString() {
    return "LocalPeriodLimiter("
        + keyPrefix
        + ", period "
        + periodSeconds
        + "s, quota "
        + quota
        + ")";
  }

  /** One key's counter: immutable, replaced on every take. */
  private static final class Window {
    final long expiresAt;
    final long count;

    Window(long expiresAt, long count) {
      this.expiresAt = expiresAt;
      this.count = count;
    }

    boolean expired(long now) {
      return now - expiresAt >= 0;
    }
  }
}
