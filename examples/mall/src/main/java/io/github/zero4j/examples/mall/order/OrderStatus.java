package io.github.zero4j.examples.mall.order;

/** The statuses of an order row. */
final class OrderStatus {
  /** Written, payment not asked yet. */
  static final String CREATED = "CREATED";

  /** Paid. */
  static final String PAID = "PAID";

  /** Payment refused (4001, 4003 ...): the message says why. */
  static final String FAILED = "FAILED";

  /** Payment unavailable, timed out or its breaker open: settled later. */
  static final String PENDING = "PENDING";

  /** The answer of a PENDING order. */
  static final String PENDING_MESSAGE = "订单已提交,支付结果稍后通知";

  /** The answer of a PAID order. */
  static final String PAID_MESSAGE = "支付成功";

  private OrderStatus() {}
}
