package io.github.zero4j.examples.mall.payment;

import io.github.zero4j.stores.sql.DuplicateKeyException;
import io.github.zero4j.stores.sql.SqlConn;
import java.util.Optional;

/** {@code mall_payment}: one payment per order, found by order or by payment id. */
final class PaymentStore {
  /** Runs on MariaDB and on H2 in MySQL mode. */
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS mall_payment ("
          + "payment_id VARCHAR(32) NOT NULL PRIMARY KEY, "
          + "order_id BIGINT NOT NULL, "
          + "user_id BIGINT NOT NULL, "
          + "amount BIGINT NOT NULL, "
          + "method VARCHAR(16) NOT NULL, "
          + "status VARCHAR(16) NOT NULL, "
          + "paid_at BIGINT NOT NULL, "
          + "CONSTRAINT mall_payment_order UNIQUE (order_id))";

  static final String SUCCESS = "SUCCESS";

  private static final String COLUMNS =
      "SELECT payment_id, order_id, user_id, amount, method, status, paid_at FROM mall_payment ";

  private final SqlConn sql;
  private final PaymentIds ids = new PaymentIds();

  PaymentStore(SqlConn sql) {
    this.sql = sql;
  }

  void migrate() {
    sql.exec(CREATE_TABLE);
  }

  /**
   * Pays {@code orderId} once: the first call writes the payment, every later one (also one racing
   * it) answers that same payment.
   */
  PaymentRow pay(long orderId, long userId, long amount, String method) {
    Optional<PaymentRow> existing = byOrder(orderId);
    if (existing.isPresent()) {
      return existing.get();
    }
    PaymentRow row =
        new PaymentRow(
            ids.next(), orderId, userId, amount, method, SUCCESS, System.currentTimeMillis());
    try {
      sql.exec(
          "INSERT INTO mall_payment (payment_id, order_id, user_id, amount, method, status, paid_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          row.paymentId(),
          row.orderId(),
          row.userId(),
          row.amount(),
          row.method(),
          row.status(),
          row.paidAt());
      return row;
    } catch (DuplicateKeyException e) {
      return byOrder(orderId).orElseThrow(() -> e);
    }
  }

  Optional<PaymentRow> byId(String paymentId) {
    return sql.queryRow(PaymentRow.class, COLUMNS + "WHERE payment_id = ?", paymentId);
  }

  Optional<PaymentRow> byOrder(long orderId) {
    return sql.queryRow(PaymentRow.class, COLUMNS + "WHERE order_id = ?", orderId);
  }
}
