package io.github.zero4j.examples.mall.notification;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.json.RecyclerPerThreadKind;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.queue.ConsumeHandler;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one {@code order-events} message into one text. Anything that goes wrong (malformed JSON, a
 * sender failure) is thrown, so the queue retries the message and, once the retries are used up,
 * dead-letters it. Event types this version does not know are logged and acknowledged, so a newer
 * producer does not fill the dead-letter topic.
 */
final class OrderEventHandler implements ConsumeHandler {
  private static final Logger log = LoggerFactory.getLogger(OrderEventHandler.class);

  // Read on the queue's workers, virtual on JDK 21+: buffers shared between them.
  private final ObjectMapper json =
      new ObjectMapper(JsonFactory.builder().recyclerPool(RecyclerPerThreadKind.instance()).build())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final SmsSender sender;

  OrderEventHandler(SmsSender sender) {
    this.sender = requireNonNull(sender, "sender");
  }

  @Override
  public void consume(String key, String value) throws Exception {
    OrderEvent event = json.readValue(value, OrderEvent.class);
    String text = text(event);
    if (text == null) {
      log.info("order {}: event type {} has no notification", event.orderId(), event.eventType());
      return;
    }
    sender.send("user:" + event.userId(), text);
  }

  static @Nullable String text(OrderEvent event) {
    String amount = BigDecimal.valueOf(event.amount(), 2).toPlainString();
    return switch (event.eventType()) {
      case OrderEvent.ORDER_CREATED ->
          "Order " + event.orderId() + " created: " + amount + ", status " + event.status() + ".";
      case OrderEvent.ORDER_PAID ->
          "Order " + event.orderId() + " paid: " + amount + ". Thank you!";
      default -> null;
    };
  }
}
