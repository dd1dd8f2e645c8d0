/**
 * go-zero's {@code sqlx}: {@link io.github.zero4j.stores.sql.SqlConn}, a breaker-protected SQL
 * connection pool (HikariCP) with Jdbi binding and record mapping, for MySQL/MariaDB and
 * PostgreSQL.
 */
@NullMarked
package io.github.zero4j.stores.sql;

import org.jspecify.annotations.NullMarked;
