package io.github.zero4j.stores.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void of_readsUrlThenDriverName() {
    assertThat(Dialect.of("jdbc:mariadb://h/db", "postgres")).isEqualTo(Dialect.MYSQL);
    assertThat(Dialect.of("jdbc:mysql://h/db", "")).isEqualTo(Dialect.MYSQL);
    assertThat(Dialect.of("jdbc:postgresql://h/db", "mysql")).isEqualTo(Dialect.POSTGRES);
    assertThat(Dialect.of("jdbc:h2:mem:x", "pgx")).isEqualTo(Dialect.POSTGRES);
    assertThat(Dialect.of("jdbc:h2:mem:x", "sqlite")).isEqualTo(Dialect.GENERIC);
  }

  @Test
  void mysqlDuplicateEntry_isDuplicateKey() {
    SQLException dup =
        new SQLIntegrityConstraintViolationException(
            "Duplicate entry 'a' for key 'name'", "23000", 1062);
    SQLException fk = new SQLIntegrityConstraintViolationException("fk", "23000", 1452);

    assertThat(Dialect.MYSQL.translate("exec", "INSERT", dup))
        .isInstanceOf(DuplicateKeyException.class);
    RuntimeException other = Dialect.MYSQL.translate("exec", "INSERT", fk);
    assertThat(other).isExactlyInstanceOf(SqlException.class);
    assertThat(((SqlException) other).acceptable()).isFalse();
    assertThat(((SqlException) other).errorCode()).isEqualTo(1452);
  }

  @Test
  void postgresUniqueViolation_isDuplicateKey_butNot23000() {
    SQLException unique =
        new SQLException("duplicate key value violates unique constraint", "23505");
    SQLException notNull = new SQLException("null value in column", "23502");

    assertThat(Dialect.POSTGRES.translate("exec", "INSERT", unique))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(Dialect.POSTGRES.translate("exec", "INSERT", notNull))
        .isNotInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void cancellation_isAcceptable_timeoutIsNot() {
    SQLException mysqlKill = new SQLException("Query execution was interrupted", "70100", 1317);
    SQLException mysqlTimeout = new SQLException("max_statement_time exceeded", "70100", 1969);
    SQLException pgCancel = new SQLException("canceling statement due to user request", "57014");
    SQLException pgTimeout =
        new SQLException("canceling statement due to statement timeout", "57014");

    assertThat(acceptable(Dialect.MYSQL, mysqlKill)).isTrue();
    assertThat(acceptable(Dialect.MYSQL, mysqlTimeout)).isFalse();
    assertThat(acceptable(Dialect.POSTGRES, pgCancel)).isTrue();
    assertThat(acceptable(Dialect.POSTGRES, pgTimeout)).isFalse();
  }

  @Test
  void causeChainIsSearched() {
    SQLException dup = new SQLException("dup", "23505");
    RuntimeException wrapped = new RuntimeException("jdbi", new IllegalStateException(dup));

    assertThat(Dialect.POSTGRES.translate("exec", "INSERT", wrapped))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void callersOwnExceptions_passUnchanged() {
    IllegalArgumentException mine = new IllegalArgumentException("mine");

    assertThat(Dialect.MYSQL.translate("exec", "x", mine)).isSameAs(mine);
  }

  private static boolean acceptable(Dialect dialect, SQLException e) {
    return ((SqlException) dialect.translate("query", "SELECT", e)).acceptable();
  }
}
