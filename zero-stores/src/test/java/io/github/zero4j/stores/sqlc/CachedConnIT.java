package io.github.zero4j.stores.sqlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.stores.sql.DuplicateKeyException;
import io.github.zero4j.stores.sql.SqlConf;
import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.testing.LocalServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** CachedConn on the machine's MariaDB and Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedConnIT {
  record User(long id, String name, String mobile) {}

  private static final String TABLE = "zs_sqlc_users";
  private static final String ID_PREFIX = CacheKeys.prefixWith("zsSqlc", "", TABLE, "id");
  private static final String MOBILE_PREFIX = CacheKeys.prefixWith("zsSqlc", "", TABLE, "mobile");
  private static final String SELECT = "SELECT id, name, mobile FROM " + TABLE;

  private final AtomicInteger primaryQueries = new AtomicInteger();
  private final AtomicInteger indexQueries = new AtomicInteger();
  private SqlConn sql;
  private Redis redis;
  private Cache cache;
  private CachedConn conn;
  private PrimaryKey<User, Long> userId;

  @BeforeAll
  void open() {
    sql = SqlConn.create(SqlConf.of(LocalServices.mariaDbJdbcUrl(), "root", ""));
    redis = Redis.create(RedisConf.node(LocalServices.redis()));
    cache =
        Cache.builder(redis)
            .name("sqlc")
            .statLog(false)
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    conn = CachedConn.create(sql, cache);
    sql.exec("DROP TABLE IF EXISTS " + TABLE);
    sql.exec(
        "CREATE TABLE "
            + TABLE
            + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL,"
            + " mobile VARCHAR(32) NOT NULL UNIQUE)");
    userId =
        PrimaryKey.of(
            Long.class,
            User::id,
            id -> CacheKeys.key(ID_PREFIX, id),
            (db, id) -> {
              primaryQueries.incrementAndGet();
              return db.queryRow(User.class, SELECT + " WHERE id = ?", id);
            });
  }

  @AfterAll
  void close() {
    sql.exec("DROP TABLE IF EXISTS " + TABLE);
    cache.close();
    redis.close();
    sql.close();
  }

  @BeforeEach
  void reset() {
    sql.exec("DELETE FROM " + TABLE);
    primaryQueries.set(0);
    indexQueries.set(0);
  }

  private long insert(String name, String mobile) {
    long id =
        sql.execReturningKey(
                "id", "INSERT INTO " + TABLE + " (name, mobile) VALUES (?, ?)", name, mobile)
            .generatedKey()
            .orElseThrow();
    cache.del(CacheKeys.key(ID_PREFIX, id), CacheKeys.key(MOBILE_PREFIX, mobile));
    return id;
  }

  private Optional<User> findOne(long id) {
    return conn.queryRow(
        CacheKeys.key(ID_PREFIX, id),
        User.class,
        db -> {
          primaryQueries.incrementAndGet();
          return db.queryRow(User.class, SELECT + " WHERE id = ?", id);
        });
  }

  private Optional<User> findOneByMobile(String mobile) {
    return conn.queryRowIndex(
        CacheKeys.key(MOBILE_PREFIX, mobile),
        User.class,
        userId,
        db -> {
          indexQueries.incrementAndGet();
          return db.queryRow(User.class, SELECT + " WHERE mobile = ?", mobile);
        });
  }

  @Test
  void queryRow_queriesTheDatabaseOnceAndCachesJson() {
    long id = insert("ann", "100");

    for (int i = 0; i < 10; i++) {
      assertThat(findOne(id)).contains(new User(id, "ann", "100"));
    }

    assertThat(primaryQueries).hasValue(1);
    assertThat(redis.get(CacheKeys.key(ID_PREFIX, id)))
        .contains("{\"id\":" + id + ",\"name\":\"ann\",\"mobile\":\"100\"}");
  }

  @Test
  void queryRow_missingRowCachesThePlaceholder() {
    cache.del(CacheKeys.key(ID_PREFIX, -1));
    assertThat(findOne(-1)).isEmpty();
    assertThat(findOne(-1)).isEmpty();

    assertThat(primaryQueries).hasValue(1);
    assertThat(redis.get(CacheKeys.key(ID_PREFIX, -1))).contains("*");
  }

  @Test
  void exec_deletesKeysAfterASuccessfulWrite() {
    long id = insert("bob", "200");
    String key = CacheKeys.key(ID_PREFIX, id);
    findOne(id);
    boolean[] cachedDuringWrite = new boolean[1];

    long changed =
        conn.exec(
            db -> {
              cachedDuringWrite[0] = redis.exists(key); // no delete before the write
              return db.exec("UPDATE " + TABLE + " SET name = ? WHERE id = ?", "bobby", id);
            },
            key);

    assertThat(changed).isEqualTo(1);
    assertThat(cachedDuringWrite[0]).isTrue();
    assertThat(redis.exists(key)).isFalse();
    assertThat(findOne(id)).contains(new User(id, "bobby", "200"));
  }

  @Test
  void exec_failedWriteDeletesNothing() {
    long id = insert("cat", "300");
    insert("dog", "301");
    String key = CacheKeys.key(ID_PREFIX, id);
    findOne(id);

    assertThatThrownBy(
            () ->
                conn.exec(
                    db -> db.exec("UPDATE " + TABLE + " SET mobile = ? WHERE id = ?", "301", id),
                    key))
        .isInstanceOf(DuplicateKeyException.class);

    assertThat(redis.exists(key)).isTrue();
  }

  @Test
  void transact_deletesAfterCommit_soAConcurrentReaderCannotCacheTheOldRow() throws Exception {
    long id = insert("eve", "400");
    String key = CacheKeys.key(ID_PREFIX, id);

    conn.transact(
        tx -> {
          tx.exec("UPDATE " + TABLE + " SET name = ? WHERE id = ?", "eve2", id);
          tx.delCacheOnCommit(key);
          // A reader on another connection, before the commit, sees the committed (old) row.
          assertThat(readConcurrently(id)).contains(new User(id, "eve", "400"));
          assertThat(redis.exists(key)).isTrue(); // not deleted before the commit
        });

    assertThat(redis.exists(key)).isFalse();
    assertThat(findOne(id)).contains(new User(id, "eve2", "400"));
  }

  @Test
  void deletingInsideTheTransaction_goZeroStyle_leavesTheOldRowCached() throws Exception {
    long id = insert("fay", "500");
    String key = CacheKeys.key(ID_PREFIX, id);

    conn.transact(
        tx -> {
          tx.exec("UPDATE " + TABLE + " SET name = ? WHERE id = ?", "fay2", id);
          conn.delCache(key); // go-zero: DelCache inside the transaction, before the commit
          assertThat(readConcurrently(id)).contains(new User(id, "fay", "500"));
        });

    // The reader cached the pre-commit row: stale until expiry.
    assertThat(findOne(id)).contains(new User(id, "fay", "500"));
  }

  @Test
  void transact_rollbackDeletesNothing() {
    long id = insert("gus", "600");
    String key = CacheKeys.key(ID_PREFIX, id);
    findOne(id);

    assertThatThrownBy(
            () ->
                conn.transact(
                    tx -> {
                      tx.exec("UPDATE " + TABLE + " SET name = ? WHERE id = ?", "gus2", id);
                      tx.delCacheOnCommit(key);
                      throw new IllegalStateException("rollback");
                    }))
        .hasMessage("rollback");

    assertThat(redis.exists(key)).isTrue();
    assertThat(findOne(id)).contains(new User(id, "gus", "600"));
  }

  @Test
  void queryRowIndex_cachesThePrimaryKeyThenTheRow() {
    long id = insert("hal", "700");
    User hal = new User(id, "hal", "700");

    assertThat(findOneByMobile("700")).contains(hal); // index miss: index query
    assertThat(findOneByMobile("700")).contains(hal); // index hit, row miss: primary query
    assertThat(findOneByMobile("700")).contains(hal); // both hit

    assertThat(indexQueries).hasValue(1);
    assertThat(primaryQueries).hasValue(1);
    assertThat(redis.get(CacheKeys.key(MOBILE_PREFIX, "700"))).contains(Long.toString(id));
    cache.del(CacheKeys.key(MOBILE_PREFIX, "missing"));
    assertThat(findOneByMobile("missing")).isEmpty();
    assertThat(redis.get(CacheKeys.key(MOBILE_PREFIX, "missing"))).contains("*");
  }

  @Test
  void queryRowIndex_goZeroMode_cachesTheRowFiveSecondsLonger() {
    CachedConn goZero = CachedConn.builder(sql, cache).cacheRowOnIndexMiss(true).build();
    long id = insert("ivy", "800");

    goZero.queryRowIndex(
        CacheKeys.key(MOBILE_PREFIX, "800"),
        User.class,
        userId,
        db -> db.queryRow(User.class, SELECT + " WHERE mobile = ?", "800"));
    long indexTtl = redis.ttl(CacheKeys.key(MOBILE_PREFIX, "800"));
    long rowTtl = redis.ttl(CacheKeys.key(ID_PREFIX, id));

    assertThat(rowTtl - indexTtl).isBetween(4L, 6L);
    assertThat(findOneByMobile("800")).contains(new User(id, "ivy", "800"));
    assertThat(primaryQueries).hasValue(0);
  }

  private Optional<User> readConcurrently(long id) {
    try {
      return CompletableFuture.supplyAsync(() -> findOne(id)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
