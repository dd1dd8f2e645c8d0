package io.github.zero4j.examples.mall.common;

import static java.util.Objects.requireNonNull;

/**
 * An event on the {@code order-events} topic, JSON with the design notes' fields, keyed by {@code
 * orderId} so that one order's events stay in order.
 *
 * @param eventType {@link #ORDER_CREATED} or {@link #ORDER_PAID}
 * @param orderId the order
 * @param userId its user
 * @param amount the order's amount in cents
 * @param status the order's status when the event was published
 * @param timestamp when it was published, epoch milliseconds
 */
public record OrderEvent(
    String eventType, long orderId, long userId, long amount, String status, long timestamp) {

  /** The topic. */
  public static final String TOPIC = "order-events";

  /** Published once the order row is written. */
  public static final String ORDER_CREATED = "ORDER_CREATED";

  /** Published once payment succeeded. */
  public static final String ORDER_PAID = "ORDER_PAID";

  public OrderEvent {
    requireNonNull(eventType, "eventType");
    requireNonNull(status, "status");
  }

  /** The Kafka key: the order id as text. */
  public String key() {
    return Long.toString(orderId);
  }
}
