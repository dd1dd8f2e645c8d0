package io.github.zero4j.stores.sql;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SqlSession} on one Jdbi handle: the body of every {@link JdbiSqlConn} call and the
 * session a transaction body receives. No breaker and no metrics here; errors are translated by the
 * dialect. Not thread-safe (a handle is one connection).
 */
final class HandleSession implements SqlSession {
  private final Handle handle;
  private final Dialect dialect;

  HandleSession(Handle handle, Dialect dialect) {
    this.handle = handle;
    this.dialect = dialect;
  }

  @Override
  public <T> Optional<T> queryRow(Class<T> type, String sql, @Nullable Object... args) {
    requireNonNull(type, "type");
    requireNonNull(sql, "sql");
    try {
      return first(bind(handle.createQuery(sql), args).mapTo(type));
    } catch (RuntimeException e) {
      throw dialect.translateMapped("query", sql, e);
    }
  }

  @Override
  public <T> Optional<T> queryRow(RowMapper<T> mapper, String sql, @Nullable Object... args) {
    requireNonNull(mapper, "mapper");
    requireNonNull(sql, "sql");
    try {
      return first(bind(handle.createQuery(sql), args).map((rs, ctx) -> mapper.map(rs)));
    } catch (RuntimeException e) {
      throw dialect.translate("query", sql, e);
    }
  }

  @Override
  public <T> List<T> queryRows(Class<T> type, String sql, @Nullable Object... args) {
    requireNonNull(type, "type");
    requireNonNull(sql, "sql");
    try {
      return all(bind(handle.createQuery(sql), args).mapTo(type));
    } catch (RuntimeException e) {
      throw dialect.translateMapped("query", sql, e);
    }
  }

  @Override
  public <T> List<T> queryRows(RowMapper<T> mapper, String sql, @Nullable Object... args) {
    requireNonNull(mapper, "mapper");
    requireNonNull(sql, "sql");
    try {
      return all(bind(handle.createQuery(sql), args).map((rs, ctx) -> mapper.map(rs)));
    } catch (RuntimeException e) {
      throw dialect.translate("query", sql, e);
    }
  }

  @Override
  public long exec(String sql, @Nullable Object... args) {
    requireNonNull(sql, "sql");
    try {
      return bind(handle.createUpdate(sql), args).executeLarge();
    } catch (RuntimeException e) {
      throw dialect.translate("exec", sql, e);
    }
  }

  @Override
  public ExecResult execReturningKey(String keyColumn, String sql, @Nullable Object... args) {
    requireNonNull(keyColumn, "keyColumn");
    requireNonNull(sql, "sql");
    if (keyColumn.isBlank()) {
      throw new IllegalArgumentException("keyColumn: \"" + keyColumn + "\" (expected: a column)");
    }
    try {
      Update update = bind(handle.createUpdate(sql), args);
      return update.execute(
          (statement, ctx) -> {
            // Set before the statement is prepared (it is prepared lazily by statement.get()),
            // so Jdbi asks the driver for this column's generated values.
            ctx.setReturningGeneratedKeys(true);
            ctx.setGeneratedKeysColumnNames(new String[] {keyColumn});
            PreparedStatement ps = statement.get();
            return readKeys(ps);
          });
    } catch (RuntimeException e) {
      throw dialect.translate("exec", sql, e);
    }
  }

  private static ExecResult readKeys(PreparedStatement ps) throws SQLException {
    long updated = ps.getUpdateCount();
    long keyRows = 0;
    OptionalLong key = OptionalLong.empty();
    try (ResultSet keys = ps.getGeneratedKeys()) {
      while (keys.next()) {
        if (keyRows == 0) {
          long value = keys.getLong(1);
          key = keys.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
        }
        keyRows++;
      }
    }
    // With RETURNING (PostgreSQL) the statement produced a result set, not an update count.
    return new ExecResult(updated >= 0 ? updated : keyRows, key);
  }

  private static <S extends SqlStatement<S>> S bind(S statement, @Nullable Object[] args) {
    requireNonNull(args, "args");
    for (int i = 0; i < args.length; i++) {
      statement.bind(i, args[i]);
    }
    return statement;
  }

  private static <T> Optional<T> first(ResultIterable<T> rows) {
    try (ResultIterator<T> it = rows.iterator()) {
      return it.hasNext() ? Optional.ofNullable(it.next()) : Optional.empty();
    }
  }

  private static <T> List<T> all(ResultIterable<T> rows) {
    List<T> list = new ArrayList<>();
    try (ResultIterator<T> it = rows.iterator()) {
      while (it.hasNext()) {
        T row = it.next();
        if (row != null) {
          list.add(row);
        }
      }
    }
    return list;
  }
}
