package io.github.zero4j.stores.sqlc;

import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.stores.sql.SqlSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Cache-aside SQL: go-zero's {@code sqlc.CachedConn}. Single-row reads go through the {@link Cache}
 * ({@code take}: single flight, not-found placeholder, fail fast when the cache is down); writes
 * run on the {@link SqlConn} and then delete the keys they touched.
 *
 * <pre>{@code
 * CachedConn conn = CachedConn.create(sqlConn, cache);
 * String key = CacheKeys.key(CacheKeys.prefix("user", "id"), id);           // cache:user:id:42
 * Optional<User> user = conn.queryRow(key, User.class,
 *     db -> db.queryRow(User.class, "SELECT * FROM user WHERE id = ?", id));
 * conn.exec(db -> db.exec("UPDATE user SET name = ? WHERE id = ?", name, id), key);
 * }</pre>
 *
 * <p>Multi-row queries are never cached (go-zero: "it might cause consistency problems"): use
 * {@link #queryRowsNoCache}. Thread-safe as its SqlConn and Cache are.
 */
public interface CachedConn {

  /**
   * go-zero's {@code cacheSafeGapBetweenIndexAndPrimary}: a row cached by an index lookup lives 5 s
   * longer than the index entry pointing at it.
   */
  Duration INDEX_PRIMARY_GAP = Duration.ofSeconds(5);

  /** A CachedConn with the defaults (go-zero's {@code NewConnWithCache}). */
  static CachedConn create(SqlConn sql, Cache cache) {
    return builder(sql, cache).build();
  }

  /** A builder for a CachedConn on {@code sql} and {@code cache}. */
  static CachedConnBuilder builder(SqlConn sql, Cache cache) {
    return new CachedConnBuilder(sql, cache);
  }

  /** The SQL connection underneath. */
  SqlConn sql();

  /** The cache in front. */
  Cache cache();

  /**
   * The row cached under {@code key}, else what {@code query} loads (then cached); empty when there
   * is no such row (then {@code "*"} is cached for about a minute). go-zero's {@code QueryRow}.
   */
  <T> Optional<T> queryRow(
      String key, Class<T> type, Function<? super SqlSession, Optional<T>> query);

  /**
   * A row looked up by a unique index: the index key caches the row's primary key, the primary
   * key's cache key caches the row. On an index miss {@code indexQuery} loads the full row and its
   * primary key is cached under {@code indexKey}; on an index hit the row comes from {@code
   * primary}'s cache key, loaded by {@code primary.query()} on a miss. go-zero's {@code
   * QueryRowIndex}. With {@link CachedConnBuilder#cacheRowOnIndexMiss(boolean)} the index miss also
   * caches the row under its primary key, for the index entry's expiry plus {@link
   * #INDEX_PRIMARY_GAP}.
   */
  <T, K> Optional<T> queryRowIndex(
      String indexKey,
      Class<T> type,
      PrimaryKey<T, K> primary,
      Function<? super SqlSession, Optional<T>> indexQuery);

  /** A single-row query that bypasses the cache. */
  <T> Optional<T> queryRowNoCache(Class<T> type, String sql, @Nullable Object... args);

  /** A multi-row query (these are never cached). */
  <T> List<T> queryRowsNoCache(Class<T> type, String sql, @Nullable Object... args);

  /**
   * Runs {@code statement} on the SqlConn; once it has succeeded, deletes {@code keys} from the
   * cache (failed deletes are retried in the background). If it throws, nothing is deleted.
   * go-zero's {@code Exec}.
   */
  <R> R exec(Function<? super SqlSession, R> statement, String... keys);

  /** A write that touches no cached row. */
  long execNoCache(String sql, @Nullable Object... args);

  /**
   * Runs {@code body} in a transaction and, after it commits, deletes the keys the body named with
   * {@link CachedTransaction#delCacheOnCommit}. A body that throws rolls back and deletes nothing.
   */
  void transact(Consumer<? super CachedTransaction> body);

  /** {@link #transact(Consumer)} for a body that returns a value. */
  <T> T transactAndGet(Function<? super CachedTransaction, ? extends T> body);

  /** The cached value of {@code key}, if any. go-zero's {@code GetCache}. */
  <T> Optional<T> getCache(String key, Class<T> type);

  /** Caches {@code value} under {@code key} with the default expiry. go-zero's {@code SetCache}. */
  void setCache(String key, Object value);

  /** Caches {@code value} under {@code key} for {@code expire}. */
  void setCacheWithExpire(String key, Object value, Duration expire);

  /** Deletes {@code keys} from the cache. go-zero's {@code DelCache}. */
  void delCache(String... keys);
}
