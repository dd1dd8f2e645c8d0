package io.github.zero4j.examples.mall.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.kq.KafkaPusher;
import io.github.zero4j.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** notification-mq standalone: events pushed to a real Kafka broker reach the sender. */
class NotificationMqIT {
  private static final KafkaBroker kafka = KafkaBroker.create();

  @BeforeAll
  static void start() throws Exception {
    kafka.start();
    createTopic(OrderEvent.TOPIC);
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void eventsPushedToKafkaReachTheSender() throws Exception {
    String yaml =
        """
        Name: notification-mq
        Kq:
          Brokers: [%s]
          Group: notification
          Topic: order-events
          Offset: first
          Consumers: 1
          MinBytes: 1
        Sms:
          Provider: log
        """
            .formatted(kafka.bootstrapServers());
    NotificationMqConf conf = Conf.load(yaml, Format.YAML, NotificationMqConf.class);
    BlockingQueue<String> sent = new LinkedBlockingQueue<>();

    try (NotificationMq mq =
            NotificationMq.start(
                conf, Wiring.standalone(), (to, text) -> sent.add(to + " " + text));
        Pusher pusher = KafkaPusher.create(List.of(kafka.bootstrapServers()), OrderEvent.TOPIC)) {
      for (long orderId = 1; orderId <= 3; orderId++) {
        OrderEvent event =
            new OrderEvent(OrderEvent.ORDER_CREATED, orderId, 100 + orderId, 990, "PENDING", 1L);
        pusher.push(event.key(), json(event));
      }

      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String text = sent.poll(60, TimeUnit.SECONDS);
        assertThat(text).as("text %d", i + 1).isNotNull();
        texts.add(text);
      }
      assertThat(texts)
          .containsExactlyInAnyOrder(
              "user:101 Order 1 created: 9.90, status PENDING.",
              "user:102 Order 2 created: 9.90, status PENDING.",
              "user:103 Order 3 created: 9.90, status PENDING.");
      assertThat(mq.address()).startsWith("kafka://" + kafka.bootstrapServers());
    }
  }

  private static String json(OrderEvent e) {
    return "{\"eventType\":\"%s\",\"orderId\":%d,\"userId\":%d,\"amount\":%d,\"status\":\"%s\",\"timestamp\":%d}"
        .formatted(e.eventType(), e.orderId(), e.userId(), e.amount(), e.status(), e.timestamp());
  }

  /** Creates the topic and waits until its partition has a leader (see docs/queue.md). */
  private static void createTopic(String topic) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!hasLeader(admin, topic)) {
        assertThat(System.nanoTime()).as("leader of " + topic).isLessThan(deadline);
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
  }

  private static boolean hasLeader(Admin admin, String topic) throws InterruptedException {
    try {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return d != null && d.partitions().stream().allMatch(p -> p.leader() != null);
    } catch (ExecutionException e) {
      return false; // not known to the broker yet: asked again until the deadline
    }
  }
}
