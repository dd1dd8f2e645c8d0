package io.github.zero4j.examples.mall.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.ConfigException;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.inproc.InProcBroker;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NotificationMqTest {
  private static final String YAML =
      """
      Name: notification-mq
      Kq:
        Brokers: [inproc]
        Group: notification
        Topic: order-events
        Retries: 2
        RetryBackoff: 1ms
        DeadLetterTopic: order-events-dlt
      Sms:
        Provider: log
      """;

  private final NotificationMqConf conf = Conf.load(YAML, Format.YAML, NotificationMqConf.class);
  private final InProcBroker broker = InProcBroker.create();
  private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();

  private static String json(String type, long orderId) {
    return "{\"eventType\":\""
        + type
        + "\",\"orderId\":"
        + orderId
        + ",\"userId\":7,\"amount\":12345,\"status\":\"PAID\",\"timestamp\":1700000000000}";
  }

  @Test
  void orderEventsBecomeTexts() throws Exception {
    try (NotificationMq mq =
        NotificationMq.start(
            conf, Wiring.inProcess(broker), (to, text) -> sent.add(to + " " + text))) {
      Pusher pusher = broker.pusher(OrderEvent.TOPIC);
      pusher.push("42", json(OrderEvent.ORDER_CREATED, 42));
      pusher.push("42", json(OrderEvent.ORDER_PAID, 42));

      assertThat(sent.poll(10, TimeUnit.SECONDS))
          .isEqualTo("user:7 Order 42 created: 123.45, status PAID.");
      assertThat(sent.poll(10, TimeUnit.SECONDS))
          .isEqualTo("user:7 Order 42 paid: 123.45. Thank you!");
      assertThat(mq.name()).isEqualTo("notification-mq");
      assertThat(mq.address()).isEqualTo("kafka://inproc/order-events?group=notification");
    }
  }

  @Test
  void aFailedSendIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (NotificationMq mq =
        NotificationMq.start(
            conf,
            Wiring.inProcess(broker),
            (to, text) -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("gateway down");
              }
              sent.add(text);
            })) {
      broker.pusher(OrderEvent.TOPIC).push("9", json(OrderEvent.ORDER_CREATED, 9));

      assertThat(sent.poll(10, TimeUnit.SECONDS)).startsWith("Order 9 created");
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void aMessageThatKeepsFailingIsDeadLetteredNotSwallowed() throws Exception {
    try (NotificationMq mq =
        NotificationMq.start(conf, Wiring.inProcess(broker), (to, text) -> sent.add(text))) {
      Pusher pusher = broker.pusher(OrderEvent.TOPIC);
      pusher.push("1", "not json");
      pusher.push("1", json(OrderEvent.ORDER_CREATED, 1));

      // Same key: the good message runs only once the bad one was retried and dead-lettered.
      assertThat(sent.poll(10, TimeUnit.SECONDS)).startsWith("Order 1 created");
    }
    assertThat(broker.messages("order-events-dlt")).extracting(m -> m.value()).contains("not json");
  }

  @Test
  void unknownEventTypesAreAcknowledgedWithoutText() throws Exception {
    try (NotificationMq mq =
        NotificationMq.start(conf, Wiring.inProcess(broker), (to, text) -> sent.add(text))) {
      Pusher pusher = broker.pusher(OrderEvent.TOPIC);
      pusher.push("5", json("ORDER_SHIPPED", 5));
      pusher.push("5", json(OrderEvent.ORDER_CREATED, 5));

      assertThat(sent.poll(10, TimeUnit.SECONDS)).startsWith("Order 5 created");
    }
    assertThat(sent).isEmpty();
    assertThat(broker.messages("order-events-dlt")).isEmpty();
  }

  @Test
  void providerComesFromConfiguration() {
    assertThat(SmsSenders.of("log")).isInstanceOf(LogSmsSender.class);
    assertThat(SmsSenders.providers()).containsExactly("log");
  }

  @Test
  void unknownProviderIsAConfigErrorNamingKeyAndKnownProviders() {
    String yaml = YAML.replace("Provider: log", "Provider: twilio");

    assertThatThrownBy(() -> Conf.load(yaml, Format.YAML, NotificationMqConf.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Sms.Provider: twilio (expected: one of log)");
    assertThatThrownBy(() -> SmsSenders.of("twilio"))
        .hasMessage("Sms.Provider: twilio (expected: one of log)");
  }

  @Test
  void providerDefaultsToLog() {
    String yaml = YAML.substring(0, YAML.indexOf("Sms:"));

    assertThat(Conf.load(yaml, Format.YAML, NotificationMqConf.class).sms().provider())
        .isEqualTo("log");
    assertThat(List.of(conf.kq().group(), conf.kq().topic()))
        .containsExactly("notification", "order-events");
  }
}
