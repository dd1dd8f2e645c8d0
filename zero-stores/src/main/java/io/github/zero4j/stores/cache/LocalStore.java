package io.github.zero4j.stores.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The in-process store on a bounded Caffeine cache with per-entry expiry. A key's slot holds either
 * a value (JSON or the placeholder) or a fill lease; a lease reads as absent. Taking a lease,
 * filling under it and deleting are atomic per key ({@code ConcurrentMap.compute}), so a delete or
 * set between a lease and its fill replaces the lease and the fill is refused — the local form of
 * the Redis store's lease key. Thread-safe.
 */
final class LocalStore implements Store {
  /** A slot: a value with its time to live, or a lease token (value null). */
  private record Entry(@Nullable String value, @Nullable String lease, long ttlNanos) {}

  private final ConcurrentMap<String, Entry> map;
  private final long leaseTtlNanos;

  LocalStore(long maximumSize, Duration leaseTtl, Ticker ticker) {
    this.leaseTtlNanos = leaseTtl.toNanos();
    this.map =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .ticker(ticker::read)
            .expireAfter(
                new Expiry<String, Entry>() {
                  @Override
                  public long expireAfterCreate(String key, Entry entry, long currentTime) {
                    return entry.ttlNanos();
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Entry entry, long currentTime, long currentDuration) {
                    return entry.ttlNanos();
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Entry entry, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .<String, Entry>build()
            .asMap();
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Optional<String> get(String key) {
    Entry entry = map.get(key);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.value());
  }

  @Override
  public String lease(String key) {
    String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Entry entry =
        map.compute(key, (k, cur) -> cur == null ? new Entry(null, token, leaseTtlNanos) : cur);
    String held = entry == null ? null : entry.lease();
    // A value that appeared since the miss: hand out a token that matches nothing.
    return held != null ? held : token;
  }

  @Override
  public boolean fill(
      String key, @Nullable String lease, String value, long ttlSeconds, boolean nx) {
    Entry fresh = new Entry(value, null, Duration.ofSeconds(ttlSeconds).toNanos());
    boolean[] written = new boolean[1];
    map.compute(
        key,
        (k, cur) -> {
          boolean absent = cur == null || cur.value() == null;
          boolean leased =
              lease == null || (cur != null && cur.value() == null && lease.equals(cur.lease()));
          if (leased && (!nx || absent)) {
            written[0] = true;
            return fresh;
          }
          return cur;
        });
    return written[0];
  }

  @Override
  public void set(String key, String value, long ttlSeconds) {
    map.put(key, new Entry(value, null, Duration.ofSeconds(ttlSeconds).toNanos()));
  }

  @Override
  public void del(List<String> keys) {
    for (String key : keys) {
      map.remove(key);
    }
  }

  @Override
  public void close() {
    map.clear();
  }

  @Override
  public String toString() {
    return "LocalStore(" + map.size() + " entries)";
  }
}
