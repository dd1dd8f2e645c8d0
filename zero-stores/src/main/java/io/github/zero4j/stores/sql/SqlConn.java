package io.github.zero4j.stores.sql;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A pool of connections to one database with a circuit breaker in front: go-zero's {@code
 * sqlx.SqlConn}.
 *
 * <pre>{@code
 * record User(long id, String name) {}
 *
 * try (SqlConn db = SqlConn.create(SqlConf.of("jdbc:mariadb://127.0.0.1:3306/mall", "root", ""))) {
 *   long id = db.execReturningKey("id", "INSERT INTO user (name) VALUES (?)", "ann")
 *       .generatedKey().orElseThrow();
 *   Optional<User> user = db.queryRow(User.class, "SELECT id, name FROM user WHERE id = ?", id);
 *   db.transact(tx -> {
 *     tx.exec("UPDATE account SET balance = balance - ? WHERE id = ?", 10, 1);
 *     tx.exec("UPDATE account SET balance = balance + ? WHERE id = ?", 10, 2);
 *   });
 * }
 * }</pre>
 *
 * <p><b>Breaker.</b> Every call, and every transaction as a whole, runs through one breaker per
 * SqlConn (go-zero's {@code brk.DoWithAcceptable}). A dropped call throws core's {@code
 * BreakerOpenException} without touching the pool. An empty result, a duplicate key, a statement
 * cancelled on request, a row that cannot be mapped and an exception thrown by a transaction body
 * are not failures; connection errors, timeouts and other server errors are.
 *
 * <p><b>Observability.</b> Calls slower than {@link SqlConf#slowThreshold()} (500 ms) are logged as
 * {@code [SQL] <command>: slowcall(<ms>) - <statement>} (arguments are never logged) and counted in
 * {@code sql_client_requests_slow_total}; durations go to {@code sql_client_requests_duration_ms}
 * and failures to {@code sql_client_requests_error_total}, labelled by command ({@code query},
 * {@code exec}, {@code transact}).
 *
 * <p>Thread-safe: share one SqlConn per database. {@link #close()} closes the pool.
 */
public interface SqlConn extends SqlSession, AutoCloseable {

  /** A SqlConn with the defaults: a breaker named after the database, the global registry. */
  static SqlConn create(SqlConf conf) {
    return builder(conf).build();
  }

  /** A builder for a SqlConn on {@code conf}. */
  static SqlConnBuilder builder(SqlConf conf) {
    return new SqlConnBuilder(conf);
  }

  /**
   * Runs {@code body} in a transaction: commits when it returns, rolls back when it throws (the
   * exception is rethrown unchanged). The whole transaction is one breaker call. Transactions do
   * not nest: the session has no {@code transact}.
   */
  void transact(Consumer<? super SqlSession> body);

  /** {@link #transact(Consumer)} for a body that returns a value. */
  <T> T transactAndGet(Function<? super SqlSession, ? extends T> body);

  /** The name of this connection's breaker. */
  String breakerName();

  /** Closes the pool; calls after this fail. Idempotent. */
  @Override
  void close();
}
