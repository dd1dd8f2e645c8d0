package io.github.zero4j.benchmarks.stores;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.stores.sql.SqlConf;
import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.stores.sqlc.CacheKeys;
import io.github.zero4j.stores.sqlc.CachedConn;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A primary-key read three ways: {@code CachedConn.queryRow} at a 99 % hit ratio (every 100th read
 * of a thread deletes the row's key first, so it misses, loads from MariaDB and refills), a plain
 * JDBC lookup on a HikariCP pool (prepared statement, row mapped to a record), and a raw Lettuce
 * synchronous {@code GET} of the cached JSON (no decode). Rows cycle over {@value #ROWS} ids.
 *
 * <p>On loopback a MariaDB primary-key lookup costs about as much as a Redis GET (see
 * reference/real-services.md), so the useful comparison is {@code oursQueryRow} against {@code
 * lettuceGet}: what the cache-aside layer adds on top of the round trip.
 *
 * <p>Needs Redis on 127.0.0.1:6379 and MariaDB on 127.0.0.1:3306 (database {@code test}, user root,
 * no password), as {@code scripts/test.sh} starts them.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CachedConnBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar CachedConnBenchmark -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CachedConnBenchmark {
  /** A row of the benchmark table. */
  public record User(long id, String name, String mobile) {}

  static final int ROWS = 1000;

  /** One read in this many is a miss. */
  private static final int MISS_EVERY = 100;

  private static final String TABLE = "zs_bench_users";
  private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
  private static final String HOST = "127.0.0.1:6379";
  private static final String SELECT = "SELECT id, name, mobile FROM " + TABLE + " WHERE id = ?";
  private static final String PREFIX = CacheKeys.prefix("zsBenchUsers", "id");

  /** Per-thread position in the id cycle. */
  @State(Scope.Thread)
  public static class Cursor {
    long next;

    long nextId() {
      return (next++ % ROWS) + 1;
    }
  }

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private SqlConn sql;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private Redis redis;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private Cache cache;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private CachedConn conn;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private HikariDataSource hikari;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private RedisClient lettuce;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private StatefulRedisConnection<String, String> connection;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private RedisCommands<String, String> commands;

  @Setup(Level.Trial)
  public void setUp() {
    sql = SqlConn.create(SqlConf.of(URL, "root", ""));
    sql.exec(
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, mobile VARCHAR(32) NOT NULL)");
    sql.exec("DELETE FROM " + TABLE);
    for (int id = 1; id <= ROWS; id++) {
      sql.exec("INSERT INTO " + TABLE + " VALUES (?, ?, ?)", id, "user" + id, "138" + id);
    }
    redis = Redis.create(RedisConf.node(HOST));
    cache =
        Cache.builder(redis)
            .name("bench")
            .statLog(false)
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    conn = CachedConn.create(sql, cache);
    for (long id = 1; id <= ROWS; id++) {
      queryRow(id);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL);
    config.setUsername("root");
    config.setMaximumPoolSize(8);
    hikari = new HikariDataSource(config);
    lettuce = RedisClient.create("redis://" + HOST);
    connection = lettuce.connect();
    commands = connection.sync();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sql.exec("DROP TABLE IF EXISTS " + TABLE);
    for (long id = 1; id <= ROWS; id++) {
      cache.del(CacheKeys.key(PREFIX, id));
    }
    cache.close();
    redis.close();
    sql.close();
    hikari.close();
    connection.close();
    lettuce.shutdown();
  }

  private Optional<User> queryRow(long id) {
    return conn.queryRow(
        CacheKeys.key(PREFIX, id), User.class, db -> db.queryRow(User.class, SELECT, id));
  }

  @Benchmark
  public Optional<User> oursQueryRow(Cursor cursor) {
    long n = cursor.next;
    long id = cursor.nextId();
    if (n % MISS_EVERY == 0) {
      conn.delCache(CacheKeys.key(PREFIX, id));
    }
    return queryRow(id);
  }

  @Benchmark
  public User jdbcPrimaryKey(Cursor cursor) throws SQLException {
    long id = cursor.nextId();
    try (Connection c = hikari.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3));
      }
    }
  }

  @Benchmark
  public String lettuceGet(Cursor cursor) {
    return commands.get(CacheKeys.key(PREFIX, cursor.nextId()));
  }
}
