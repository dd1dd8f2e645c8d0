package io.github.zero4j.examples.mall.payment;

/** A {@code mall_payment} row. */
record PaymentRow(
    String paymentId,
    long orderId,
    long userId,
    long amount,
    String method,
    String status,
    long paidAt) {}
