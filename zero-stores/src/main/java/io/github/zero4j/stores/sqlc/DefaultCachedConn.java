package io.github.zero4j.stores.sqlc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.sql.ExecResult;
import io.github.zero4j.stores.sql.RowMapper;
import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.stores.sql.SqlSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link CachedConn} over a SqlConn and a Cache (go-zero core/stores/sqlc/cachedsql.go). The cache
 * owns the single flight, the placeholder and the leases; this class only sequences database work
 * and key deletion: deletes after a successful statement, after a transaction's commit.
 */
final class DefaultCachedConn implements CachedConn {
  private final SqlConn sql;
  private final Cache cache;
  private final boolean cacheRowOnIndexMiss;

  DefaultCachedConn(SqlConn sql, Cache cache, boolean cacheRowOnIndexMiss) {
    this.sql = sql;
    this.cache = cache;
    this.cacheRowOnIndexMiss = cacheRowOnIndexMiss;
  }

  @Override
  public SqlConn sql() {
    return sql;
  }

  @Override
  public Cache cache() {
    return cache;
  }

  @Override
  public <T> Optional<T> queryRow(
      String key, Class<T> type, Function<? super SqlSession, Optional<T>> query) {
    requireNonNull(query, "query");
    return cache.take(key, type, () -> query.apply(sql));
  }

  @Override
  public <T, K> Optional<T> queryRowIndex(
      String indexKey,
      Class<T> type,
      PrimaryKey<T, K> primary,
      Function<? super SqlSession, Optional<T>> indexQuery) {
    requireNonNull(indexKey, "indexKey");
    requireNonNull(type, "type");
    requireNonNull(primary, "primary");
    requireNonNull(indexQuery, "indexQuery");
    List<T> loaded = new ArrayList<>(1); // the row, when this caller ran the index query
    Optional<K> key =
        cache.takeWithExpire(
            indexKey,
            primary.type(),
            expire -> {
              Optional<T> row = indexQuery.apply(sql);
              if (row.isEmpty()) {
                return Optional.empty();
              }
              T value = row.get();
              loaded.add(value);
              K pk = requireNonNull(primary.keyOf().apply(value), "primary key of the row");
              if (cacheRowOnIndexMiss) {
                cache.setWithExpire(
                    primary.cacheKey().apply(pk), value, expire.plus(INDEX_PRIMARY_GAP));
              }
              return Optional.of(pk);
            });
    if (!loaded.isEmpty()) {
      return Optional.of(loaded.get(0));
    }
    if (key.isEmpty()) {
      return Optional.empty();
    }
    K pk = key.get();
    return cache.take(primary.cacheKey().apply(pk), type, () -> primary.query().apply(sql, pk));
  }

  @Override
  public <T> Optional<T> queryRowNoCache(
      Class<T> type, String statement, @Nullable Object... args) {
    return sql.queryRow(type, statement, args);
  }

  @Override
  public <T> List<T> queryRowsNoCache(Class<T> type, String statement, @Nullable Object... args) {
    return sql.queryRows(type, statement, args);
  }

  @Override
  public <R> R exec(Function<? super SqlSession, R> statement, String... keys) {
    requireNonNull(statement, "statement");
    requireNonNull(keys, "keys");
    R result = statement.apply(sql);
    cache.del(keys);
    return result;
  }

  @Override
  public long execNoCache(String statement, @Nullable Object... args) {
    return sql.exec(statement, args);
  }

  @Override
  public void transact(Consumer<? super CachedTransaction> body) {
    requireNonNull(body, "body");
    transactAndGet(
        tx -> {
          body.accept(tx);
          return Boolean.TRUE;
        });
  }

  @Override
  public <T> T transactAndGet(Function<? super CachedTransaction, ? extends T> body) {
    requireNonNull(body, "body");
    Queue<String> keys = new ConcurrentLinkedQueue<>();
    T result = sql.transactAndGet(session -> body.apply(new Tx(session, keys)));
    // Committed: only now may readers reload the rows.
    if (!keys.isEmpty()) {
      cache.del(keys.toArray(new String[0]));
    }
    return result;
  }

  @Override
  public <T> Optional<T> getCache(String key, Class<T> type) {
    return cache.get(key, type);
  }

  @Override
  public void setCache(String key, Object value) {
    cache.set(key, value);
  }

  @Override
  public void setCacheWithExpire(String key, Object value, Duration expire) {
    cache.setWithExpire(key, value, expire);
  }

  @Override
  public void delCache(String... keys) {
    cache.del(keys);
  }

  @Override
  public String toString() {
    return "CachedConn(" + sql + ", " + cache + ")";
  }

  /** The transaction's session, collecting keys to delete after the commit. */
  private static final class Tx implements CachedTransaction {
    private final SqlSession session;
    private final Queue<String> keys;

    Tx(SqlSession session, Queue<String> keys) {
      this.session = session;
      this.keys = keys;
    }

    @Override
    public void delCacheOnCommit(String... keys) {
      requireNonNull(keys, "keys");
      for (String key : keys) {
        this.keys.add(requireNonNull(key, "key"));
      }
    }

    @Override
    public <T> Optional<T> queryRow(Class<T> type, String sql, @Nullable Object... args) {
      return session.queryRow(type, sql, args);
    }

    @Override
    public <T> Optional<T> queryRow(RowMapper<T> mapper, String sql, @Nullable Object... args) {
      return session.queryRow(mapper, sql, args);
    }

    @Override
    public <T> List<T> queryRows(Class<T> type, String sql, @Nullable Object... args) {
      return session.queryRows(type, sql, args);
    }

    @Override
    public <T> List<T> queryRows(RowMapper<T> mapper, String sql, @Nullable Object... args) {
      return session.queryRows(mapper, sql, args);
    }

    @Override
    public long exec(String sql, @Nullable Object... args) {
      return session.exec(sql, args);
    }

    @Override
    public ExecResult execReturningKey(String keyColumn, String sql, @Nullable Object... args) {
      return session.execReturningKey(keyColumn, sql, args);
    }
  }
}
