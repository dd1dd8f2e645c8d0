package io.github.zero4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The KRaft broker launcher against a real producer and consumer, across a restart. */
class KafkaBrokerIT {
  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.withDefaultPartitions(3);

  @Test
  void producedRecords_areConsumed_andSurviveARestart() throws Exception {
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 10; i++) {
        RecordMetadata meta = producer.send(new ProducerRecord<>("smoke", "k" + i, "v" + i)).get();
        assertThat(meta.offset()).isGreaterThanOrEqualTo(0);
      }
    }
    assertThat(consumeAll("smoke", "g1", 10)).hasSize(10);

    kafka.restart();

    // A new group reads everything again from the earliest offset: the log survived the restart.
    assertThat(consumeAll("smoke", "g2", 10)).hasSize(10);
  }

  private static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static List<String> consumeAll(String topic, String group, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      consumer.commitSync(Map.of());
    }
    return values;
  }
}
