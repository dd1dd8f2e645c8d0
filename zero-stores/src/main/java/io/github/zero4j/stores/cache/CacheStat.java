package io.github.zero4j.stores.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-zero's {@code cache.Stat}: request, hit, miss and database-failure counts, logged once a
 * minute as {@code dbcache(<name>) - qpm: N, hit_ratio: P%, hit: N, miss: N, db_fails: N} (nothing
 * when there were no requests), plus Micrometer counters {@value #HITS}, {@value #MISSES}, {@value
 * #PLACEHOLDER_HITS} and {@value #DB_FAILS} labelled {@code name}.
 *
 * <p>Thread-safe: counts are {@link LongAdder}s; the report swaps them to zero. All caches share
 * one daemon thread, {@value #THREAD_NAME}, which ends when the last cache closes.
 */
final class CacheStat implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(CacheStat.class);

  static final String THREAD_NAME = "zero4j-stores-cache-stat";

  /** go-zero's {@code statInterval}. */
  static final Duration INTERVAL = Duration.ofMinutes(1);

  static final String HITS = "cache_hits_total";
  static final String MISSES = "cache_misses_total";
  static final String PLACEHOLDER_HITS = "cache_placeholder_hits_total";
  static final String DB_FAILS = "cache_db_fails_total";

  /** How long the idle stat thread lingers after the last cache closes. */
  private static final long KEEP_ALIVE_SECONDS = 10;

  private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

  private final String name;
  private final LongAdder total = new LongAdder();
  private final LongAdder hit = new LongAdder();
  private final LongAdder miss = new LongAdder();
  private final LongAdder dbFails = new LongAdder();
  private final Counter hitCounter;
  private final Counter missCounter;
  private final Counter placeholderCounter;
  private final Counter dbFailCounter;
  private final @Nullable ScheduledFuture<?> schedule;

  CacheStat(String name, MeterRegistry registry, boolean scheduled) {
    this.name = name;
    this.hitCounter = counter(registry, HITS, "cache hits, placeholder hits included", name);
    this.missCounter = counter(registry, MISSES, "cache misses", name);
    this.placeholderCounter =
        counter(registry, PLACEHOLDER_HITS, "cache hits on the not-found placeholder", name);
    this.dbFailCounter = counter(registry, DB_FAILS, "loader failures on a cache miss", name);
    this.schedule =
        scheduled
            ? SCHEDULER.scheduleAtFixedRate(
                this::report, INTERVAL.toNanos(), INTERVAL.toNanos(), TimeUnit.NANOSECONDS)
            : null;
  }

  private static Counter counter(MeterRegistry registry, String meter, String help, String name) {
    return Counter.builder(meter).description(help).tag("name", name).register(registry);
  }

  void total() {
    total.increment();
  }

  void hit() {
    hit.increment();
    hitCounter.increment();
  }

  void placeholderHit() {
    hit();
    placeholderCounter.increment();
  }

  void miss() {
    miss.increment();
    missCounter.increment();
  }

  void dbFail() {
    dbFails.increment();
    dbFailCounter.increment();
  }

  /** Logs and returns the line for the interval that ends now, or null if it had no requests. */
  @Nullable String report() {
    long t = total.sumThenReset();
    long h = hit.sumThenReset();
    long m = miss.sumThenReset();
    long f = dbFails.sumThenReset();
    if (t == 0) {
      return null;
    }
    String line =
        String.format(
            Locale.ROOT,
            "dbcache(%s) - qpm: %d, hit_ratio: %.1f%%, hit: %d, miss: %d, db_fails: %d",
            name,
            t,
            100.0 * h / t,
            h,
            m,
            f);
    logger.info(line);
    return line;
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  private static ScheduledThreadPoolExecutor scheduler() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, THREAD_NAME);
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
