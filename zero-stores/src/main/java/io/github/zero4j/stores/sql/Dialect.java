package io.github.zero4j.stores.sql;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a database's errors mean, read from SQLStates and vendor codes. It decides which errors are
 * {@link DuplicateKeyException}s and which do not count against the breaker (go-zero's acceptable
 * errors: duplicate key with {@code NewMysql}, {@code context.Canceled}).
 */
enum Dialect {
  MYSQL {
    @Override
    boolean isDuplicateKey(SQLException e) {
      int code = e.getErrorCode();
      return code == ER_DUP_ENTRY
          || code == ER_DUP_KEY
          || code == ER_DUP_UNIQUE
          || code == ER_DUP_ENTRY_WITH_KEY_NAME;
    }

    @Override
    boolean isCancelled(SQLException e) {
      return e.getErrorCode() == ER_QUERY_INTERRUPTED;
    }
  },
  POSTGRES {
    @Override
    boolean isDuplicateKey(SQLException e) {
      return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    boolean isCancelled(SQLException e) {
      // 57014 is also a statement_timeout expiring; only a cancel request is the caller's choice.
      String message = e.getMessage();
      return QUERY_CANCELED.equals(e.getSQLState())
          && message != null
          && message.toLowerCase(Locale.ROOT).contains("user request");
    }
  },
  GENERIC {
    @Override
    boolean isDuplicateKey(SQLException e) {
      return MYSQL.isDuplicateKey(e) || POSTGRES.isDuplicateKey(e);
    }

    @Override
    boolean isCancelled(SQLException e) {
      return false;
    }
  };

  /** MySQL/MariaDB ER_DUP_ENTRY: "Duplicate entry '%s' for key %d". */
  static final int ER_DUP_ENTRY = 1062;

  /** MySQL/MariaDB ER_DUP_KEY: "Can't write; duplicate key in table '%s'". */
  static final int ER_DUP_KEY = 1022;

  /** MySQL/MariaDB ER_DUP_UNIQUE: "Can't write, because of unique constraint, to table '%s'". */
  static final int ER_DUP_UNIQUE = 1169;

  /** MySQL/MariaDB ER_DUP_ENTRY_WITH_KEY_NAME: "Duplicate entry '%s' for key '%s'". */
  static final int ER_DUP_ENTRY_WITH_KEY_NAME = 1586;

  /** MySQL/MariaDB ER_QUERY_INTERRUPTED: a KILL QUERY, which is what Statement.cancel() sends. */
  static final int ER_QUERY_INTERRUPTED = 1317;

  /** PostgreSQL unique_violation. */
  static final String UNIQUE_VIOLATION = "23505";

  /** PostgreSQL query_canceled. */
  static final String QUERY_CANCELED = "57014";

  /** Whether {@code e} (one link of a chain) reports a primary or unique key violation. */
  abstract boolean isDuplicateKey(SQLException e);

  /** Whether {@code e} (one link of a chain) reports a statement cancelled on request. */
  abstract boolean isCancelled(SQLException e);

  /**
   * The dialect of a JDBC URL ({@code jdbc:mariadb:}, {@code jdbc:mysql:}, {@code
   * jdbc:postgresql:}), else of go-zero's {@code DriverName} ({@code mysql}, {@code postgres},
   * {@code pgx}), else {@link #GENERIC}.
   */
  static Dialect of(String jdbcUrl, String driverName) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return MYSQL;
    }
    if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:pgsql:")) {
      return POSTGRES;
    }
    switch (driverName.toLowerCase(Locale.ROOT)) {
      case "mysql":
      case "mariadb":
        return MYSQL;
      case "postgres":
      case "postgresql":
      case "pgx":
        return POSTGRES;
      default:
        return GENERIC;
    }
  }

  /**
   * Turns a failure of {@code operation} on {@code sql} into the exception the caller sees: a
   * {@link DuplicateKeyException}, or a {@link SqlException} that knows whether the breaker should
   * count it. Errors that are not about the database (mapping a row, the caller's own code) are
   * returned unchanged when they are unchecked.
   */
  RuntimeException translate(String operation, String sql, Throwable error) {
    if (error instanceof SqlException) {
      return (SqlException) error;
    }
    SQLException sqlError = findSqlException(error);
    if (sqlError == null) {
      if (isInterruption(error)) {
        return new SqlException(describe(operation, sql, "interrupted"), error, true);
      }
      if (isJdbi(error)) {
        // Jdbi could not bind or map (no mapper for a type, a bad column name): a bug in the
        // call, not a sick database; go-zero counts scan errors as acceptable too.
        return new SqlException(describe(operation, sql, error.getMessage()), error, true);
      }
      return error instanceof RuntimeException
          ? (RuntimeException) error
          : new SqlException(describe(operation, sql, error.toString()), error, true);
    }
    String reason =
        sqlError.getMessage()
            + " (SQLState "
            + sqlError.getSQLState()
            + ", error "
            + sqlError.getErrorCode()
            + ")";
    if (anyLink(sqlError, true)) {
      return new DuplicateKeyException(describe(operation, sql, reason), error);
    }
    boolean cancelled = anyLink(sqlError, false) || Thread.currentThread().isInterrupted();
    return new SqlException(describe(operation, sql, reason), error, cancelled);
  }

  /**
   * {@link #translate} for a call where no caller code ran (rows mapped to a {@code Class}): an
   * error that is not the database's is Jdbi failing to map or bind, reported as an acceptable
   * {@link SqlException}.
   */
  RuntimeException translateMapped(String operation, String sql, Throwable error) {
    RuntimeException translated = translate(operation, sql, error);
    if (translated instanceof SqlException) {
      return translated;
    }
    return new SqlException(describe(operation, sql, error.getMessage()), error, true);
  }

  private boolean anyLink(SQLException first, boolean duplicate) {
    for (SQLException e = first; e != null; e = e.getNextException()) {
      if (duplicate ? isDuplicateKey(e) : isCancelled(e)) {
        return true;
      }
      Throwable cause = e.getCause();
      if (cause instanceof SQLException && cause != e.getNextException()) {
        if (duplicate ? isDuplicateKey((SQLException) cause) : isCancelled((SQLException) cause)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String describe(String operation, String sql, @Nullable String reason) {
    return operation + " failed: " + reason + " - " + sql;
  }

  private static boolean isJdbi(Throwable error) {
    return error.getClass().getName().startsWith("org.jdbi.");
  }

  private static boolean isInterruption(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof ClosedByInterruptException
          || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The first {@link SQLException} in {@code error}'s cause chain, or null. */
  static @Nullable SQLException findSqlException(@Nullable Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return (SQLException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
