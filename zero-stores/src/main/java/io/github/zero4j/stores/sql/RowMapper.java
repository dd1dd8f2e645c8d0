package io.github.zero4j.stores.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a result set to a value: {@code rs -> new User(rs.getLong("id"),
 * rs.getString("name"))}. It must not move the cursor.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowMapper<T> {

  /** Maps the row the cursor is on. */
  T map(ResultSet rs) throws SQLException;
}
