package io.github.zero4j.examples.mall.infra;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.cache.Cache;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One in-process cache per name for the whole process. The embedded mall runs three user-rpc
 * instances over one H2 database; with a cache each, an update through one instance would delete
 * only its own copy and the others would keep serving the old row. Sharing the cache by name keeps
 * them as consistent as instances sharing one Redis. Each {@link #acquire} returns a handle; the
 * cache is closed when the last handle is.
 */
final class LocalCaches {
  private static final Map<String, Entry> CACHES = new HashMap<>();

  private LocalCaches() {}

  /** A handle on the process's local cache named {@code name}, created on first use. */
  static synchronized Cache acquire(String name) {
    requireNonNull(name, "name");
    Entry entry =
        CACHES.computeIfAbsent(name, n -> new Entry(Cache.localBuilder().name(n).build()));
    entry.handles++;
    return new Handle(name, entry.cache);
  }

  private static synchronized void release(String name) {
    Entry entry = CACHES.get(name);
    if (entry != null && --entry.handles == 0) {
      CACHES.remove(name);
      entry.cache.close();
    }
  }

  /** Number of open handles on {@code name}; for tests. */
  static synchronized int handles(String name) {
    Entry entry = CACHES.get(name);
    return entry == null ? 0 : entry.handles;
  }

  private static final class Entry {
    final Cache cache;
    int handles;

    Entry(Cache cache) {
      this.cache = cache;
    }
  }

  /** Delegates to the shared cache; {@link #close()} releases it once. */
  private static final class Handle implements Cache {
    private final String name;
    private final Cache cache;
    private boolean closed;

    Handle(String name, Cache cache) {
      this.name = name;
      this.cache = cache;
    }

    @Override
    public String name() {
      return cache.name();
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
      return cache.get(key, type);
    }

    @Override
    public void set(String key, Object value) {
      cache.set(key, value);
    }

    @Override
    public void setWithExpire(String key, Object value, Duration expire) {
      cache.setWithExpire(key, value, expire);
    }

    @Override
    public void del(String... keys) {
      cache.del(keys);
    }

    @Override
    public <T> Optional<T> take(String key, Class<T> type, Supplier<Optional<T>> loader) {
      return cache.take(key, type, loader);
    }

    @Override
    public <T> Optional<T> takeWithExpire(
        String key, Class<T> type, Function<Duration, Optional<T>> loader) {
      return cache.takeWithExpire(key, type, loader);
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      release(name);
    }

    @Override
    public String toString() {
      return "LocalCaches.Handle(" + name + ")";
    }
  }
}
