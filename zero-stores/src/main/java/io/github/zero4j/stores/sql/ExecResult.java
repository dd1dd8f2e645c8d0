package io.github.zero4j.stores.sql;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What a statement run with {@link SqlSession#execReturningKey} did: go-zero's {@code sql.Result}
 * ({@code RowsAffected}, {@code LastInsertId}).
 *
 * @param rowsAffected the number of rows the statement changed
 * @param generatedKey the first generated key, empty when the statement generated none
 */
public record ExecResult(long rowsAffected, OptionalLong generatedKey) {

  public ExecResult {
    requireNonNull(generatedKey, "generatedKey");
    if (rowsAffected < 0) {
      throw new IllegalArgumentException("rowsAffected: " + rowsAffected + " (expected: >= 0)");
    }
  }
}
