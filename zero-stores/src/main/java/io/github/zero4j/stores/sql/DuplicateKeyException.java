package io.github.zero4j.stores.sql;

import org.jspecify.annotations.Nullable;

/**
 * A write violated a primary or unique key: MySQL/MariaDB error 1062 (also 1022, 1169, 1586),
 * PostgreSQL SQLState {@code 23505}. An application maps it to its own "already exists" error. It
 * is not a breaker failure: the database answered.
 */
public final class DuplicateKeyException extends SqlException {
  private static final long serialVersionUID = 1L;

  DuplicateKeyException(String message, @Nullable Throwable cause) {
    super(message, cause, true);
  }
}
