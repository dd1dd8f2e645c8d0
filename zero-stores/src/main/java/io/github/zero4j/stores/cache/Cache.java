package io.github.zero4j.stores.cache;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.redis.Redis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A cache-aside cache: go-zero's {@code cache.Cache}. Values are stored as JSON (Jackson), absent
 * rows as the placeholder {@value #NOT_FOUND_PLACEHOLDER}, so Go services reading the same Redis
 * keys understand them.
 *
 * <pre>{@code
 * Cache cache = Cache.builder(redis).build();            // or Cache.local() in-process
 * Optional<User> user = cache.take("cache:user:id:" + id, User.class,
 *     () -> db.queryRow(User.class, "SELECT * FROM user WHERE id = ?", id));
 * db.exec("UPDATE user SET name = ? WHERE id = ?", name, id);
 * cache.del("cache:user:id:" + id);
 * }</pre>
 *
 * <p><b>take.</b> Looks the key up; on a miss runs the loader once per key and process (a single
 * flight: concurrent callers wait and share its outcome) and caches what it returns for {@link
 * CacheBuilder#DEFAULT_EXPIRY} (7 days) +/- 5 %, or the placeholder for {@link
 * CacheBuilder#DEFAULT_NOT_FOUND_EXPIRY} (1 minute) +/- 5 % when it returns empty (only if the key
 * is still absent, {@code SET NX}). A placeholder hit returns empty without calling the loader. If
 * the store cannot be read, {@code take} throws {@link CacheException} and <b>does not call the
 * loader</b>. A loader exception propagates unchanged and nothing is cached. Failing to write the
 * loaded value is only logged: the caller still gets it.
 *
 * <p><b>Lease-guarded fills</b> (on by default, beyond go-zero): a miss takes a lease on the key
 * before the loader reads the database, and the fill is written only if no {@link #del} or {@link
 * #set} of that key happened since, in one atomic step. A reader that loaded a row before a
 * writer's update and delete can therefore not put the old row back (go-zero issue #3000).
 *
 * <p><b>del</b> never throws for store failures: they are logged and retried after 1 s, 5 s, 1 min,
 * 5 min and 1 h.
 *
 * <p>Callers that waited for another caller's load receive the same value instance when it has the
 * requested type, so cached types should be immutable (records). Thread-safe.
 */
public interface Cache extends AutoCloseable {

  /** go-zero's {@code notFoundPlaceholder}, cached for a key the loader found nothing for. */
  String NOT_FOUND_PLACEHOLDER = "*";

  /**
   * A builder for a cache on one Redis client, which stays the caller's to close (go-zero's {@code
   * NewNode}).
   */
  static CacheBuilder builder(Redis redis) {
    return CacheBuilder.redis(List.of(requireNonNull(redis, "redis")));
  }

  /**
   * A builder for a cache on a consistent-hash ring of Redis clients of equal weight, which stay
   * the caller's to close. A Go service with the same node addresses picks the same node per key.
   */
  static CacheBuilder clusterBuilder(List<Redis> nodes) {
    return CacheBuilder.redis(nodes);
  }

  /**
   * A builder for a cache on go-zero's {@code CacheConf}: one node is used directly, several form a
   * consistent-hash ring (100 virtual points per node at weight 100). The cache creates the Redis
   * clients and closes them on {@link #close()}.
   *
   * @throws IllegalArgumentException if there are no nodes or no positive weight ("no cache nodes")
   */
  static CacheBuilder builder(List<CacheNodeConf> conf) {
    return CacheBuilder.conf(conf);
  }

  /** A builder for an in-process cache on Caffeine, with the same contract as the Redis one. */
  static CacheBuilder localBuilder() {
    return CacheBuilder.local();
  }

  /** An in-process cache with the defaults. */
  static Cache local() {
    return localBuilder().build();
  }

  /** A cache that stores nothing: every {@code take} calls its loader, every {@code get} misses. */
  static Cache noop() {
    return NoopCache.INSTANCE;
  }

  /** The name in the stat line and the meters' {@code name} label. */
  String name();

  /**
   * The cached value of {@code key}, or empty when it is absent or the placeholder.
   *
   * @throws CacheException if the store cannot be read
   */
  <T> Optional<T> get(String key, Class<T> type);

  /**
   * Caches {@code value} for the default expiry +/- 5 %; revokes fill leases on the key.
   *
   * @throws CacheException if the store cannot be written
   */
  void set(String key, Object value);

  /**
   * Caches {@code value} for exactly {@code expire} (rounded up to whole seconds).
   *
   * @throws CacheException if the store cannot be written
   */
  void setWithExpire(String key, Object value, Duration expire);

  /** Deletes {@code keys} and revokes their fill leases; failures are retried in the background. */
  void del(String... keys);

  /**
   * The cached value of {@code key}; on a miss, what {@code loader} returns, cached (see above).
   *
   * @throws CacheException if the store cannot be read (the loader is not called)
   */
  <T> Optional<T> take(String key, Class<T> type, Supplier<Optional<T>> loader);

  /**
   * As {@link #take}, passing the loader the expiry (default +/- 5 %, drawn once) that the value
   * will be cached with: go-zero's {@code TakeWithExpire}.
   */
  <T> Optional<T> takeWithExpire(String key, Class<T> type, Function<Duration, Optional<T>> loader);

  /** Runs pending delete retries once and releases the cache's threads. */
  @Override
  void close();
}
