package io.github.zero4j.stores.sqlc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.sql.SqlConn;

/** Builds a {@link CachedConn}. Not thread-safe; the connections it builds are. */
public final class CachedConnBuilder {
  private final SqlConn sql;
  private final Cache cache;
  private boolean cacheRowOnIndexMiss;

  CachedConnBuilder(SqlConn sql, Cache cache) {
    this.sql = requireNonNull(sql, "sql");
    this.cache = requireNonNull(cache, "cache");
  }

  /**
   * Whether {@link CachedConn#queryRowIndex} also caches the row it loaded under its primary key
   * (go-zero's behaviour); {@code false} by default. That write cannot be lease-guarded (the
   * primary key is only known after the database read), so a writer's delete racing with it could
   * leave a stale row behind; off, the next index hit loads the row by primary key once, through a
   * guarded {@code take}.
   */
  public CachedConnBuilder cacheRowOnIndexMiss(boolean cacheRowOnIndexMiss) {
    this.cacheRowOnIndexMiss = cacheRowOnIndexMiss;
    return this;
  }

  /** Builds the CachedConn. */
  public CachedConn build() {
    return new DefaultCachedConn(sql, cache, cacheRowOnIndexMiss);
  }
}
