package io.github.zero4j.examples.mall.order;

/** A {@code mall_order} row; {@code amount} in cents, times in epoch milliseconds. */
record OrderRow(
    long id,
    long userId,
    long productId,
    int quantity,
    long amount,
    String status,
    String paymentId,
    String paymentMethod,
    String message,
    long createdAt) {}
