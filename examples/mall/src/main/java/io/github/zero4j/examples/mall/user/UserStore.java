package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.stores.sqlc.CacheKeys;
import io.github.zero4j.stores.sqlc.CachedConn;
import io.github.zero4j.stores.sqlc.PrimaryKey;
import java.util.Optional;

/**
 * The {@code mall_user} table behind the cache, as goctl's cached model: rows by id under {@code
 * cache:user:id:<id>}, and the unique mobile index under {@code cache:user:mobile:<mobile>}, which
 * caches only the id (go-zero's {@code QueryRowIndex}). Writes delete the keys they touch after the
 * statement succeeded.
 */
final class UserStore {
  /** {@code cache:user:id:}. */
  static final String ID_PREFIX = CacheKeys.prefix("user", "id");

  /** {@code cache:user:mobile:}. */
  static final String MOBILE_PREFIX = CacheKeys.prefix("user", "mobile");

  /** Runs on MariaDB and on H2 in MySQL mode. */
  static final String CREATE_TABLE =
      """
      CREATE TABLE IF NOT EXISTS mall_user (
        id BIGINT NOT NULL AUTO_INCREMENT,
        mobile VARCHAR(20) NOT NULL,
        password_hash VARCHAR(100) NOT NULL,
        nickname VARCHAR(64) NOT NULL DEFAULT '',
        avatar VARCHAR(255) NOT NULL DEFAULT '',
        level INT NOT NULL DEFAULT 1,
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
        PRIMARY KEY (id),
        CONSTRAINT uk_mall_user_mobile UNIQUE (mobile)
      )
      """;

  private static final String BY_ID =
      "SELECT " + UserRow.COLUMNS + " FROM mall_user WHERE id = ? LIMIT 1";

  private static final PrimaryKey<UserRow, Long> PRIMARY =
      PrimaryKey.of(
          Long.class,
          UserRow::id,
          UserStore::idKey,
          (db, id) -> db.queryRow(UserRow::map, BY_ID, id));

  private final CachedConn conn;

  UserStore(CachedConn conn) {
    this.conn = requireNonNull(conn, "conn");
  }

  /** Creates the table when it does not exist. */
  static void createTable(SqlConn sql) {
    sql.exec(CREATE_TABLE);
  }

  static String idKey(long id) {
    return CacheKeys.key(ID_PREFIX, id);
  }

  static String mobileKey(String mobile) {
    return CacheKeys.key(MOBILE_PREFIX, mobile);
  }

  Optional<UserRow> findById(long id) {
    return conn.queryRow(idKey(id), UserRow.class, db -> db.queryRow(UserRow::map, BY_ID, id));
  }

  Optional<UserRow> findByMobile(String mobile) {
    return conn.queryRowIndex(
        mobileKey(mobile),
        UserRow.class,
        PRIMARY,
        db ->
            db.queryRow(
                UserRow::map,
                "SELECT " + UserRow.COLUMNS + " FROM mall_user WHERE mobile = ? LIMIT 1",
                mobile));
  }

  /**
   * Inserts a user and returns the new id; deletes the mobile key, which may hold the not-found
   * placeholder of an earlier lookup.
   *
   * @throws io.github.zero4j.stores.sql.DuplicateKeyException if the mobile is taken
   */
  long insert(String mobile, String passwordHash, String nickname) {
    return conn.exec(
        db ->
            db.execReturningKey(
                    "id",
                    "INSERT INTO mall_user (mobile, password_hash, nickname) VALUES (?, ?, ?)",
                    mobile,
                    passwordHash,
                    nickname)
                .generatedKey()
                .orElseThrow(() -> new IllegalStateException("no generated id for mall_user")),
        mobileKey(mobile));
  }

  /**
   * Sets the non-empty ones of {@code nickname} and {@code avatar} on {@code user}'s row, then
   * deletes both of its keys.
   */
  void updateProfile(UserRow user, String nickname, String avatar) {
    conn.exec(
        db ->
            db.exec(
                "UPDATE mall_user SET nickname = COALESCE(NULLIF(?, ''), nickname),"
                    + " avatar = COALESCE(NULLIF(?, ''), avatar) WHERE id = ?",
                nickname,
                avatar,
                user.id()),
        idKey(user.id()),
        mobileKey(user.mobile()));
  }
}
