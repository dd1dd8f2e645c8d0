package io.github.zero4j.examples.mall.user;

import io.github.zero4j.examples.mall.proto.GetUserResp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * One {@code mall_user} row, as cached under {@code cache:user:id:<id>} (JSON). It carries the
 * password hash, which never leaves user-rpc: {@link #toResponse()} drops it.
 *
 * @param id the primary key
 * @param mobile the unique mobile number
 * @param passwordHash the bcrypt hash ({@code $2a$<cost>$<salt+hash>})
 * @param nickname shown name
 * @param avatar avatar URL, may be empty
 * @param level membership level
 * @param createdAt creation time, Unix seconds
 */
record UserRow(
    long id,
    String mobile,
    String passwordHash,
    String nickname,
    String avatar,
    int level,
    long createdAt) {

  /** The columns {@link #map} reads, in a SELECT list. */
  static final String COLUMNS = "id, mobile, password_hash, nickname, avatar, level, created_at";

  /** Maps the row the cursor is on. */
  static UserRow map(ResultSet rs) throws SQLException {
    Timestamp created = rs.getTimestamp("created_at");
    return new UserRow(
        rs.getLong("id"),
        rs.getString("mobile"),
        rs.getString("password_hash"),
        rs.getString("nickname"),
        rs.getString("avatar"),
        rs.getInt("level"),
        created == null ? 0 : created.toInstant().getEpochSecond());
  }

  /** The user as the API sees it: no password hash. */
  GetUserResp toResponse() {
    return GetUserResp.newBuilder()
        .setUserId(id)
        .setNickname(nickname)
        .setAvatar(avatar)
        .setMobile(mobile)
        .setLevel(level)
        .setCreatedAt(createdAt)
        .build();
  }
}
