package io.github.zero4j.stores.sql;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A statement, a transaction or a connection failed. The message names the operation and the
 * statement (never its arguments); {@link #sqlState()} and {@link #errorCode()} come from the
 * driver's {@link SQLException} when there is one (it is the cause).
 *
 * <p>{@link DuplicateKeyException} is the one subtype, for unique-key violations. A breaker
 * rejection is not wrapped: it arrives as core's {@code BreakerOpenException}.
 */
public class SqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String sqlState;
  private final int errorCode;

  /** Whether the failure says nothing about the database's health (see {@link Dialect}). */
  private final transient boolean acceptable;

  SqlException(String message, @Nullable Throwable cause, boolean acceptable) {
    super(message, cause);
    SQLException sql = Dialect.findSqlException(cause);
    this.sqlState = sql == null ? null : sql.getSQLState();
    this.errorCode = sql == null ? 0 : sql.getErrorCode();
    this.acceptable = acceptable;
  }

  /** The five-character SQLState of the driver's error, if there was one. */
  public @Nullable String sqlState() {
    return sqlState;
  }

  /** The vendor error code of the driver's error (MySQL's 1062...), 0 if there was none. */
  public int errorCode() {
    return errorCode;
  }

  /** Whether the SqlConn's breaker counted this failure as a success. */
  boolean acceptable() {
    return acceptable;
  }
}
