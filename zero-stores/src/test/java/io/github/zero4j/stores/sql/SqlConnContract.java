package io.github.zero4j.stores.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.stat.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SqlConn behaviours every dialect must show; subclasses name the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlConnContract {
  record User(long id, String name, @Nullable String email) {}

  private SqlConn db;
  private SimpleMeterRegistry registry;

  /** The database's configuration. */
  abstract SqlConf conf();

  /** A table name unique to the subclass. */
  abstract String table();

  /** CREATE TABLE for (id auto-generated bigint key, name unique varchar, email varchar null). */
  abstract String createTable();

  /** A statement that sleeps {@code seconds}. */
  abstract String sleep(double seconds);

  @BeforeAll
  void open() {
    registry = new SimpleMeterRegistry();
    db =
        SqlConn.builder(conf().withSlowThreshold(Duration.ofMillis(50)))
            .meterRegistry(registry)
            .build();
    db.exec("DROP TABLE IF EXISTS " + table());
    db.exec(createTable());
  }

  @AfterAll
  void closeDb() {
    db.exec("DROP TABLE IF EXISTS " + table());
    db.close();
  }

  @BeforeEach
  void clean() {
    db.exec("DELETE FROM " + table());
  }

  private long insert(String name, @Nullable String email) {
    return db.execReturningKey(
            "id", "INSERT INTO " + table() + " (name, email) VALUES (?, ?)", name, email)
        .generatedKey()
        .orElseThrow();
  }

  @Test
  void queryRow_mapsRecordByColumnName() {
    long id = insert("ann", "ann@example.com");

    Optional<User> user =
        db.queryRow(User.class, "SELECT id, name, email FROM " + table() + " WHERE id = ?", id);

    assertThat(user).contains(new User(id, "ann", "ann@example.com"));
  }

  @Test
  void queryRow_emptyWhenNoRow() {
    assertThat(
            db.queryRow(User.class, "SELECT id, name, email FROM " + table() + " WHERE id = ?", 42))
        .isEmpty();
    assertThat(db.queryRow(String.class, "SELECT name FROM " + table() + " WHERE id = ?", 42))
        .isEmpty();
  }

  @Test
  void queryRow_withRowMapperAndScalar() {
    long id = insert("bob", null);

    Optional<String> upper =
        db.queryRow(
            rs -> rs.getString("name").toUpperCase(java.util.Locale.ROOT),
            "SELECT name FROM " + table() + " WHERE id = ?",
            id);
    Optional<Long> count = db.queryRow(Long.class, "SELECT COUNT(*) FROM " + table());

    assertThat(upper).contains("BOB");
    assertThat(count).contains(1L);
    assertThat(
            db.queryRow(User.class, "SELECT id, name, email FROM " + table() + " WHERE id = ?", id))
        .contains(new User(id, "bob", null));
  }

  @Test
  void queryRows_returnsAllRowsInOrder() {
    insert("a", null);
    insert("b", null);
    insert("c", null);

    List<String> names =
        db.queryRows(String.class, "SELECT name FROM " + table() + " ORDER BY name");
    List<User> users =
        db.queryRows(
            rs -> new User(rs.getLong(1), rs.getString(2), rs.getString(3)),
            "SELECT id, name, email FROM " + table() + " WHERE name > ? ORDER BY name",
            "a");

    assertThat(names).containsExactly("a", "b", "c");
    assertThat(users).extracting(User::name).containsExactly("b", "c");
  }

  @Test
  void exec_returnsRowsAffected() {
    insert("a", null);
    insert("b", null);

    long changed =
        db.exec("UPDATE " + table() + " SET email = ? WHERE name IN (?, ?)", "x", "a", "b");
    long none = db.exec("UPDATE " + table() + " SET email = ? WHERE name = ?", "x", "zzz");

    assertThat(changed).isEqualTo(2);
    assertThat(none).isZero();
  }

  @Test
  void execReturningKey_givesIncreasingGeneratedKeys() {
    ExecResult first =
        db.execReturningKey("id", "INSERT INTO " + table() + " (name) VALUES (?)", "k1");
    ExecResult second =
        db.execReturningKey("id", "INSERT INTO " + table() + " (name) VALUES (?)", "k2");

    assertThat(first.rowsAffected()).isEqualTo(1);
    assertThat(second.rowsAffected()).isEqualTo(1);
    assertThat(second.generatedKey().orElseThrow())
        .isGreaterThan(first.generatedKey().orElseThrow());
    assertThat(
            db.queryRow(
                String.class,
                "SELECT name FROM " + table() + " WHERE id = ?",
                second.generatedKey().orElseThrow()))
        .contains("k2");
  }

  @Test
  void duplicateKey_throwsDuplicateKeyException() {
    insert("dup", null);

    assertThatThrownBy(() -> insert("dup", null))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessageContaining("INSERT INTO " + table());
  }

  @Test
  void injectionStringsStayData() {
    String evil = "'; DROP TABLE " + table() + "; --";
    String quote = "O'Brien \\' \" ; --";
    long id = insert(evil, quote);

    Optional<User> back =
        db.queryRow(User.class, "SELECT id, name, email FROM " + table() + " WHERE name = ?", evil);

    assertThat(back).contains(new User(id, evil, quote));
    assertThat(db.queryRow(Long.class, "SELECT COUNT(*) FROM " + table())).contains(1L);
  }

  @Test
  void notFoundAndDuplicate_doNotTripTheBreaker() {
    Breaker breaker = Breaker.of("sql-acceptable-" + table());
    try (SqlConn conn = SqlConn.builder(conf()).breaker(breaker).build()) {
      conn.exec("INSERT INTO " + table() + " (name) VALUES (?)", "taken");
      for (int i = 0; i < 100; i++) {
        assertThat(conn.queryRow(Long.class, "SELECT id FROM " + table() + " WHERE id = ?", -1))
            .isEmpty();
        assertThatThrownBy(
                () -> conn.exec("INSERT INTO " + table() + " (name) VALUES (?)", "taken"))
            .isInstanceOf(DuplicateKeyException.class);
      }
      for (int i = 0; i < 50; i++) {
        assertThat(conn.queryRow(Long.class, "SELECT COUNT(*) FROM " + table())).contains(1L);
      }
    }
  }

  @Test
  void serverErrors_tripTheBreaker() {
    Breaker breaker = Breaker.of("sql-failures-" + table());
    try (SqlConn conn = SqlConn.builder(conf()).breaker(breaker).build()) {
      int dropped = 0;
      for (int i = 0; i < 200; i++) {
        try {
          conn.exec("SELECT no_such_column FROM no_such_table_" + table());
        } catch (BreakerOpenException e) {
          dropped++;
        } catch (SqlException e) {
          assertThat(e).isNotInstanceOf(DuplicateKeyException.class);
          assertThat(e.sqlState()).isNotNull();
        }
      }
      assertThat(dropped).isGreaterThan(100);
    }
  }

  @Test
  void transact_commitsWhenBodyReturns() {
    long count =
        db.transactAndGet(
            tx -> {
              tx.exec("INSERT INTO " + table() + " (name) VALUES (?)", "t1");
              tx.exec("INSERT INTO " + table() + " (name) VALUES (?)", "t2");
              return tx.queryRow(Long.class, "SELECT COUNT(*) FROM " + table()).orElseThrow();
            });

    assertThat(count).isEqualTo(2);
    assertThat(db.queryRow(Long.class, "SELECT COUNT(*) FROM " + table())).contains(2L);
  }

  @Test
  void transact_rollsBackOnException() {
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                db.transact(
                    tx -> {
                      tx.exec("INSERT INTO " + table() + " (name) VALUES (?)", "r1");
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThatThrownBy(
            () ->
                db.transact(
                    tx -> {
                      tx.exec("INSERT INTO " + table() + " (name) VALUES (?)", "r2");
                      tx.exec("INSERT INTO " + table() + " (name) VALUES (?)", "r2");
                    }))
        .isInstanceOf(DuplicateKeyException.class);

    assertThat(db.queryRow(Long.class, "SELECT COUNT(*) FROM " + table())).contains(0L);
  }

  @Test
  void slowCalls_areCountedAsSlow() {
    db.queryRows(rs -> rs.getObject(1), sleep(0.1));

    assertThat(
            registry
                .get(MetricNames.SQL_CLIENT_REQUESTS_SLOW_TOTAL)
                .tag(MetricNames.LABEL_COMMAND, "query")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
  }

  record Unmappable(long id, String noSuchColumn) {}

  @Test
  void unmappableRow_throwsSqlExceptionThatDoesNotTripTheBreaker() {
    insert("map", null);
    Breaker breaker = Breaker.of("sql-mapping-" + table());
    try (SqlConn conn = SqlConn.builder(conf()).breaker(breaker).build()) {
      for (int i = 0; i < 50; i++) {
        assertThatThrownBy(() -> conn.queryRow(Unmappable.class, "SELECT id, name FROM " + table()))
            .isInstanceOf(SqlException.class)
            .hasMessageContaining("SELECT id, name FROM " + table());
      }
      assertThat(conn.queryRow(Long.class, "SELECT COUNT(*) FROM " + table())).contains(1L);
    }
  }

  @Test
  void closedConn_rejectsCalls() {
    SqlConn conn = SqlConn.create(conf());
    conn.close();
    conn.close();

    assertThatThrownBy(() -> conn.exec("SELECT 1")).isInstanceOf(IllegalStateException.class);
  }
}
