package io.github.zero4j.stores.sql;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Statements on a database: go-zero's {@code sqlx.Session}. {@link SqlConn} runs each call on a
 * pooled connection through its breaker; the session a {@link SqlConn#transact} body receives runs
 * them inside that transaction.
 *
 * <p>Statements are always parameterised: {@code sql} holds positional {@code ?} placeholders and
 * {@code args} their values, bound by the driver (never spliced into the text), so a value such as
 * {@code "'; DROP TABLE users; --"} stays data.
 *
 * <p>Rows map to a {@code Class}: a record through its canonical constructor (columns matched to
 * components by name, case-insensitively, {@code user_id} to {@code userId}), or a single column to
 * a scalar ({@code String}, {@code Long}, {@code Integer}, {@code Boolean}, {@code Instant}, {@code
 * LocalDateTime}, {@code BigDecimal}, {@code byte[]}, ...); or through a {@link RowMapper}.
 *
 * <p>Failures throw {@link SqlException}, or {@link DuplicateKeyException} for a unique-key
 * violation.
 */
public interface SqlSession {

  /**
   * The first row of a query mapped to {@code type}, or empty when there is none (go-zero's {@code
   * ErrNotFound}). A single column holding SQL NULL also gives empty.
   */
  <T> Optional<T> queryRow(Class<T> type, String sql, @Nullable Object... args);

  /** The first row of a query mapped by {@code mapper}, or empty when there is none. */
  <T> Optional<T> queryRow(RowMapper<T> mapper, String sql, @Nullable Object... args);

  /** Every row of a query mapped to {@code type}, in order; SQL NULL single columns are skipped. */
  <T> List<T> queryRows(Class<T> type, String sql, @Nullable Object... args);

  /** Every row of a query mapped by {@code mapper}, in order. */
  <T> List<T> queryRows(RowMapper<T> mapper, String sql, @Nullable Object... args);

  /** Runs an insert, update, delete or DDL statement and returns the number of rows it changed. */
  long exec(String sql, @Nullable Object... args);

  /**
   * Runs a statement that generates a key ({@code AUTO_INCREMENT}, {@code SERIAL}, {@code
   * IDENTITY}) and returns the rows changed with the first generated value of {@code keyColumn}
   * (go-zero's {@code LastInsertId}). On PostgreSQL the driver appends {@code RETURNING keyColumn};
   * on MySQL/MariaDB the key is the connection's last insert id.
   */
  ExecResult execReturningKey(String keyColumn, String sql, @Nullable Object... args);
}
