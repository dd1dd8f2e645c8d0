package io.github.zero4j.stores.sql;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.timex.Ticker;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jspecify.annotations.Nullable;

/**
 * {@link SqlConn} on a HikariCP pool and Jdbi.
 *
 * <p>Design: each call borrows a handle (one pooled connection) for its duration, inside one
 * breaker call; the breaker sees the translated exception, so its acceptable-error predicate reads
 * our types ({@link SqlException#acceptable()}), decided by the {@link Dialect} from SQLStates and
 * vendor codes. A transaction is one breaker call and one handle; its body's statements are not
 * timed one by one. Jdbi maps records through {@link ConstructorMapper} (registered for every
 * record type on first use and cached by Jdbi) and scalars through its column mappers.
 */
final class JdbiSqlConn implements SqlConn {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  /** HikariCP's pool threads are named after the pool: zero4j-stores-sql-N housekeeper, ... */
  private static final String POOL_NAME_PREFIX = "zero4j-stores-sql-";

  /** Judged by the breaker: only a database failure (a non-acceptable SqlException) counts. */
  private static final Predicate<Throwable> ACCEPTABLE =
      e -> !(e instanceof SqlException) || ((SqlException) e).acceptable();

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Breaker breaker;
  private final Dialect dialect;
  private final SqlMetrics metrics;
  private final Ticker ticker;

  private JdbiSqlConn(
      HikariDataSource pool, Dialect dialect, Breaker breaker, SqlMetrics metrics, Ticker ticker) {
    this.pool = pool;
    this.dialect = dialect;
    this.breaker = breaker;
    this.metrics = metrics;
    this.ticker = ticker;
    this.jdbi = Jdbi.create(pool);
    RowMapperFactory records =
        (type, config) -> {
          if (type instanceof Class<?> && ((Class<?>) type).isRecord()) {
            RowMapper<?> mapper = ConstructorMapper.of((Class<?>) type);
            return Optional.of(mapper);
          }
          return Optional.empty();
        };
    jdbi.registerRowMapper(records);
  }

  static SqlConn open(SqlConf conf, Breaker breaker, SqlMetrics metrics, Ticker ticker) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(POOL_NAME_PREFIX + POOL_IDS.incrementAndGet());
    hikari.setJdbcUrl(conf.dataSource());
    if (!conf.user().isEmpty()) {
      hikari.setUsername(conf.user());
    }
    if (!conf.pass().isEmpty()) {
      hikari.setPassword(conf.pass());
    }
    hikari.setMaximumPoolSize(conf.maxOpenConns());
    hikari.setMinimumIdle(conf.minIdleConns());
    hikari.setMaxLifetime(conf.connMaxLifetime().toMillis());
    hikari.setConnectionTimeout(conf.connectTimeout().toMillis());
    // Do not connect in the constructor: go-zero opens connections on first use.
    hikari.setInitializationFailTimeout(-1);
    Dialect dialect = Dialect.of(conf.dataSource(), conf.driverName());
    return new JdbiSqlConn(new HikariDataSource(hikari), dialect, breaker, metrics, ticker);
  }

  @Override
  public <T> Optional<T> queryRow(Class<T> type, String sql, @Nullable Object... args) {
    return call("query", sql, s -> s.queryRow(type, sql, args));
  }

  @Override
  public <T> Optional<T> queryRow(
      io.github.zero4j.stores.sql.RowMapper<T> mapper, String sql, @Nullable Object... args) {
    return call("query", sql, s -> s.queryRow(mapper, sql, args));
  }

  @Override
  public <T> List<T> queryRows(Class<T> type, String sql, @Nullable Object... args) {
    return call("query", sql, s -> s.queryRows(type, sql, args));
  }

  @Override
  public <T> List<T> queryRows(
      io.github.zero4j.stores.sql.RowMapper<T> mapper, String sql, @Nullable Object... args) {
    return call("query", sql, s -> s.queryRows(mapper, sql, args));
  }

  @Override
  public long exec(String sql, @Nullable Object... args) {
    return call("exec", sql, s -> s.exec(sql, args));
  }

  @Override
  public ExecResult execReturningKey(String keyColumn, String sql, @Nullable Object... args) {
    return call("exec", sql, s -> s.execReturningKey(keyColumn, sql, args));
  }

  @Override
  public void transact(Consumer<? super SqlSession> body) {
    requireNonNull(body, "body");
    transactAndGet(
        session -> {
          body.accept(session);
          return Boolean.TRUE;
        });
  }

  @Override
  public <T> T transactAndGet(Function<? super SqlSession, ? extends T> body) {
    requireNonNull(body, "body");
    checkOpen();
    String what = "transaction";
    long start = ticker.read();
    Throwable failure = null;
    try {
      return breaker.execute(
          () -> {
            try {
              return jdbi.inTransaction(
                  (Handle handle) -> body.apply(new HandleSession(handle, dialect)));
            } catch (RuntimeException e) {
              throw dialect.translate("transact", what, e);
            }
          },
          ACCEPTABLE);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      metrics.record("transact", what, ticker.read() - start, failure);
    }
  }

  @Override
  public String breakerName() {
    return breaker.name();
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "SqlConn(" + breaker.name() + ")";
  }

  private void checkOpen() {
    if (pool.isClosed()) {
      throw new IllegalStateException("SqlConn is closed: " + breaker.name());
    }
  }

  private <T> T call(String command, String sql, Function<HandleSession, T> op) {
    requireNonNull(sql, "sql");
    checkOpen();
    long start = ticker.read();
    Throwable failure = null;
    try {
      return breaker.execute(
          () -> {
            try (Handle handle = jdbi.open()) {
              return op.apply(new HandleSession(handle, dialect));
            } catch (RuntimeException e) {
              throw dialect.translate(command, sql, e);
            }
          },
          ACCEPTABLE);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      metrics.record(command, sql, ticker.read() - start, failure);
    }
  }
}
