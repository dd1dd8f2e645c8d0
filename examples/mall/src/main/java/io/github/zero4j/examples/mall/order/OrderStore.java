package io.github.zero4j.examples.mall.order;

import io.github.zero4j.stores.sql.SqlConn;
import java.util.Optional;

/** {@code mall_order}. */
final class OrderStore {
  /** Runs on MariaDB and on H2 in MySQL mode. */
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS mall_order ("
          + "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
          + "user_id BIGINT NOT NULL, "
          + "product_id BIGINT NOT NULL, "
          + "quantity INT NOT NULL, "
          + "amount BIGINT NOT NULL, "
          + "status VARCHAR(16) NOT NULL, "
          + "payment_id VARCHAR(32) NOT NULL DEFAULT '', "
          + "payment_method VARCHAR(16) NOT NULL, "
          + "message VARCHAR(128) NOT NULL DEFAULT '', "
          + "created_at BIGINT NOT NULL, "
          + "updated_at BIGINT NOT NULL)";

  static final String CREATE_USER_INDEX =
      "CREATE INDEX IF NOT EXISTS mall_order_user ON mall_order (user_id)";

  private final SqlConn sql;

  OrderStore(SqlConn sql) {
    this.sql = sql;
  }

  void migrate() {
    sql.exec(CREATE_TABLE);
    sql.exec(CREATE_USER_INDEX);
  }

  /** Inserts a CREATED order and answers its id. */
  long insert(long userId, long productId, int quantity, long amount, String paymentMethod) {
    long now = System.currentTimeMillis();
    return sql.execReturningKey(
            "id",
            "INSERT INTO mall_order (user_id, product_id, quantity, amount, status, payment_method,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            userId,
            productId,
            quantity,
            amount,
            OrderStatus.CREATED,
            paymentMethod,
            now,
            now)
        .generatedKey()
        .orElseThrow(() -> new IllegalStateException("mall_order insert returned no id"));
  }

  /** Moves a CREATED order to {@code status}; false when it was no longer CREATED. */
  boolean settle(long id, String status, String paymentId, String message) {
    return sql.exec(
            "UPDATE mall_order SET status = ?, payment_id = ?, message = ?, updated_at = ?"
                + " WHERE id = ? AND status = ?",
            status,
            paymentId,
            message,
            System.currentTimeMillis(),
            id,
            OrderStatus.CREATED)
        == 1;
  }

  Optional<OrderRow> get(long id) {
    return sql.queryRow(
        OrderRow.class,
        "SELECT id, user_id, product_id, quantity, amount, status, payment_id, payment_method,"
            + " message, created_at FROM mall_order WHERE id = ?",
        id);
  }
}
