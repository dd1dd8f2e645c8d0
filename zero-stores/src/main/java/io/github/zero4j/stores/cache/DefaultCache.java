package io.github.zero4j.stores.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.stat.Alerts;
import io.github.zero4j.core.sync.FlightResult;
import io.github.zero4j.core.sync.SingleFlight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache-aside logic over one store or a consistent-hash ring of stores: go-zero's {@code
 * cacheNode} and {@code cacheCluster} in one class.
 */
final class DefaultCache implements Cache {
  /*
   * Algorithm (go-zero core/stores/cache/cachenode.go doTake [1], plus a lease [2]).
   *
   * take(key): one SingleFlight per cache (shared by all nodes of a cluster, as go-zero's) keyed by
   * the cache key. Inside the flight the owner:
   *   1. GETs the key. A store error ends the flight with a CacheException: the loader is not
   *      called ("fail fast, don't let the disaster pass to the DBs"). "*" ends it with not-found.
   *      A value is decoded; an undecodable one is reported, deleted and treated as a miss.
   *   2. On a miss, with the guard on, takes a lease on the key (Store.lease) BEFORE the loader
   *      reads the database.
   *   3. Runs the loader. An exception counts a db failure and propagates (nothing cached). Empty
   *      fills "*" with SET NX (never overwriting a real value) for 1 min +/- 5 %; a value fills
   *      its JSON for the expiry (7 d +/- 5 %), both conditioned on the lease.
   * Waiters get the owner's Outcome (the same value instance when the type fits, else decoded
   * from its JSON) and count as hits, as in go-zero.
   *
   * Why the lease closes the stale-set race: a writer changes the database and THEN deletes the
   * key, and every delete (and set) revokes the key's lease. A reader's fill is refused iff a
   * revocation happened after its lease was taken. If a writer's database write happened after
   * the reader's database read (the reader holds an old row), that writer's delete comes after
   * the write, hence after the reader's lease: the fill is refused. If the delete came before the
   * lease, the write came before the reader's read, so the reader holds the new row. A lease that
   * expires or is evicted reads as revoked, so losing it can only refuse a fill, never admit a
   * stale one.
   *
   * Concurrency: no locks here; the flight serialises loads per key, the stores are thread-safe,
   * stats are LongAdders.
   *
   * [1] https://github.com/zeromicro/go-zero/blob/master/core/stores/cache/cachenode.go
   * [2] Nishtala et al., "Scaling Memcache at Facebook", NSDI 2013, section 3.2.1 (leases).
   */
  private static final Logger logger = LoggerFactory.getLogger(DefaultCache.class);

  private final String name;
  private final ConsistentHash<Store> ring;
  private final @Nullable Store single;
  private final SingleFlight<String, Outcome> flight;
  private final CacheStat stat;
  private final DeleteRetrier retrier;
  private final ObjectMapper mapper;
  private final Duration expiry;
  private final Duration notFoundExpiry;
  private final boolean leaseGuard;
  private final DoubleSupplier random;
  private final Alerts alerts;

  DefaultCache(
      String name,
      ConsistentHash<Store> ring,
      CacheStat stat,
      DeleteRetrier retrier,
      ObjectMapper mapper,
      Duration expiry,
      Duration notFoundExpiry,
      boolean leaseGuard,
      DoubleSupplier random,
      Alerts alerts) {
    this.name = name;
    this.ring = ring;
    this.single = ring.nodes().size() == 1 ? ring.nodes().get(0) : null;
    this.flight = SingleFlight.create();
    this.stat = stat;
    this.retrier = retrier;
    this.mapper = mapper;
    this.expiry = expiry;
    this.notFoundExpiry = notFoundExpiry;
    this.leaseGuard = leaseGuard;
    this.random = random;
    this.alerts = alerts;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    Store store = route(key);
    stat.total();
    Optional<String> raw = read(store, key);
    if (raw.isEmpty()) {
      stat.miss();
      return Optional.empty();
    }
    String json = raw.get();
    if (NOT_FOUND_PLACEHOLDER.equals(json)) {
      stat.placeholderHit();
      return Optional.empty();
    }
    T value = decodeOrDrop(store, key, json, type);
    if (value == null) {
      stat.miss();
      return Optional.empty();
    }
    stat.hit();
    return Optional.of(value);
  }

  @Override
  public void set(String key, Object value) {
    setWithExpire(key, value, Expiries.around(expiry, random.getAsDouble()));
  }

  @Override
  public void setWithExpire(String key, Object value, Duration expire) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(expire, "expire");
    if (expire.isNegative() || expire.isZero()) {
      throw new IllegalArgumentException("expire: " + expire + " (expected: > 0)");
    }
    Store store = route(key);
    String json = encode(key, value);
    try {
      store.set(key, json, Expiries.ceilSeconds(expire));
    } catch (RuntimeException e) {
      throw failure("write", store, key, e);
    }
  }

  @Override
  public void del(String... keys) {
    requireNonNull(keys, "keys");
    if (keys.length == 0) {
      return;
    }
    Map<Store, List<String>> byStore = new LinkedHashMap<>();
    for (String key : keys) {
      byStore.computeIfAbsent(route(requireNonNull(key, "key")), s -> new ArrayList<>()).add(key);
    }
    for (Map.Entry<Store, List<String>> e : byStore.entrySet()) {
      try {
        e.getKey().del(e.getValue());
      } catch (RuntimeException ex) {
        logger.error(
            "failed to clear cache with keys {} on {}, retrying later",
            e.getValue(),
            e.getKey().name(),
            ex);
        retrier.schedule(e.getKey(), e.getValue());
      }
    }
  }

  @Override
  public <T> Optional<T> take(String key, Class<T> type, Supplier<Optional<T>> loader) {
    requireNonNull(loader, "loader");
    return doTake(key, type, expire -> loader.get());
  }

  @Override
  public <T> Optional<T> takeWithExpire(
      String key, Class<T> type, Function<Duration, Optional<T>> loader) {
    requireNonNull(loader, "loader");
    return doTake(key, type, loader);
  }

  private <T> Optional<T> doTake(
      String key, Class<T> type, Function<Duration, Optional<T>> loader) {
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    FlightResult<Outcome> result = flight.executeEx(key, () -> load(key, type, loader));
    Outcome outcome = result.value();
    if (!result.fresh()) {
      stat.total();
      stat.hit();
    }
    Object value = outcome.value();
    if (value == null) {
      return Optional.empty();
    }
    if (type.isInstance(value)) {
      return Optional.of(type.cast(value));
    }
    // A caller that shared another caller's load but asked for another type: decode its JSON.
    String json = requireNonNull(outcome.json(), "json");
    try {
      return Optional.of(mapper.readValue(json, type));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "type: " + type.getName() + " (expected: a type the JSON of " + key + " decodes to)", e);
    }
  }

  private <T> Outcome load(String key, Class<T> type, Function<Duration, Optional<T>> loader) {
    Store store = route(key);
    stat.total();
    Optional<String> raw = read(store, key);
    if (raw.isPresent()) {
      String json = raw.get();
      if (NOT_FOUND_PLACEHOLDER.equals(json)) {
        stat.placeholderHit();
        return Outcome.NOT_FOUND;
      }
      T value = decodeOrDrop(store, key, json, type);
      if (value != null) {
        stat.hit();
        return Outcome.of(value, json);
      }
    }
    stat.miss();
    String lease = null;
    if (leaseGuard) {
      try {
        lease = store.lease(key);
      } catch (RuntimeException e) {
        throw failure("lease", store, key, e);
      }
    }
    Duration expire = Expiries.around(expiry, random.getAsDouble());
    Optional<T> loaded;
    try {
      loaded = requireNonNull(loader.apply(expire), "loader returned null");
    } catch (RuntimeException | Error e) {
      stat.dbFail();
      throw e;
    }
    if (loaded.isEmpty()) {
      long ttl = Expiries.ceilSeconds(Expiries.around(notFoundExpiry, random.getAsDouble()));
      fill(store, key, lease, NOT_FOUND_PLACEHOLDER, ttl, true);
      return Outcome.NOT_FOUND;
    }
    T value = loaded.get();
    String json = encode(key, value);
    fill(store, key, lease, json, Expiries.ceilSeconds(expire), false);
    return Outcome.of(value, json);
  }

  private void fill(
      Store store, String key, @Nullable String lease, String value, long ttl, boolean nx) {
    try {
      if (!store.fill(key, lease, value, ttl, nx)) {
        logger.debug("cache fill of {} refused: its lease was revoked or the key is set", key);
      }
    } catch (RuntimeException e) {
      logger.error("failed to fill cache key {} on {}", key, store.name(), e);
    }
  }

  private Optional<String> read(Store store, String key) {
    try {
      return store.get(key);
    } catch (RuntimeException e) {
      stat.miss(); // go-zero counts a failed read as a miss
      throw failure("read", store, key, e);
    }
  }

  private RuntimeException failure(String op, Store store, String key, RuntimeException e) {
    if (e instanceof BreakerOpenException || e instanceof CacheException) {
      return e;
    }
    String suffix = op.equals("read") || op.equals("lease") ? "; the database was not queried" : "";
    return new CacheException(
        "cache " + op + " failed, node: " + store.name() + ", key: " + key + suffix, e);
  }

  private <T> @Nullable T decodeOrDrop(Store store, String key, String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException | RuntimeException e) {
      String message =
          "unmarshal cache, node: " + store.name() + ", key: " + key + ", value: " + json;
      logger.error(message, e);
      alerts.report(message + ", error: " + e.getMessage());
      del(key);
      return null;
    }
  }

  private String encode(String key, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "value: "
              + value.getClass().getName()
              + " (expected: JSON-serialisable, key "
              + key
              + ")",
          e);
    }
  }

  CacheStat stat() {
    return stat;
  }

  DeleteRetrier retrier() {
    return retrier;
  }

  /** go-zero: one node is used directly, several are placed on the ring. */
  private Store route(String key) {
    Store s = single;
    return s != null ? s : ring.get(key);
  }

  @Override
  public void close() {
    stat.close();
    retrier.close();
    for (Store store : ring.nodes()) {
      store.close();
    }
  }

  @Override
  public String toString() {
    return "Cache(" + name + ", " + ring + ")";
  }
}
