package io.github.zero4j.examples.mall.order;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.json.RecyclerPerThreadKind;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.queue.Pusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link OrderEvent}s, keyed by order id, as JSON.
 *
 * <p>Publishing never fails the order: the row is already written and the caller is answered either
 * way. A push is asynchronous and its outcome is always observed: a push that is not acknowledged
 * (within the pusher's delivery timeout) is logged at ERROR with the whole event, so it can be
 * replayed, and counted in {@code mall_order_event_publish_failed_total{event}}. It is never
 * dropped silently. Events of one order go out in order: same key, same pusher.
 */
final class OrderEvents {
  private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);

  private final Pusher pusher;
  // Written on handler threads, virtual on JDK 21+: buffers shared between them.
  private final ObjectMapper json =
      new ObjectMapper(
          JsonFactory.builder().recyclerPool(RecyclerPerThreadKind.instance()).build());

  OrderEvents(Pusher pusher) {
    this.pusher = pusher;
  }

  void publish(OrderEvent event) {
    String value;
    try {
      value = json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      failed(event, event.toString(), e);
      return;
    }
    pusher
        .pushAsync(event.key(), value)
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                failed(event, value, error);
              }
            });
  }

  private static void failed(OrderEvent event, String value, Throwable error) {
    OrderMetrics.publishFailed(event.eventType());
    log.error(
        "order event not published, replay it: topic={} key={} value={}",
        OrderEvent.TOPIC,
        event.key(),
        value,
        error);
  }
}
