package io.github.zero4j.queue.kq;

import io.github.zero4j.queue.DeadLetterHeaders;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.internal.DeadLetterSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes given-up records to the dead-letter topic: the original key, value and headers as bytes,
 * plus {@link DeadLetterHeaders}, through an idempotent {@code acks=all} producer; waits for the
 * acknowledgement so the original is committed only once its copy is stored. Thread-safe.
 */
final class KafkaDeadLetters implements DeadLetterSink<KafkaDelivery>, AutoCloseable {
  /** A dead-letter write fails after this long and is retried after a backoff. */
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /** kafka-clients' {@code request.timeout.ms} default, which must fit in the delivery timeout. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final String topic;
  private final String group;
  private final Producer<byte[], byte[]> producer;

  KafkaDeadLetters(KqConf conf, String clientId, Map<String, Object> overrides) {
    this.topic = conf.deadLetterTopic();
    this.group = conf.group();
    Map<String, Object> p = new HashMap<>();
    ClientProps.common(p, conf.brokers(), conf.caFile(), conf.username(), conf.password());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT.toMillis());
    p.putAll(overrides);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void send(KafkaDelivery delivery, Message message, Throwable error, int attempts)
      throws Exception {
    ConsumerRecord<byte[], byte[]> original = delivery.record();
    RecordHeaders headers = new RecordHeaders(original.headers().toArray());
    add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, original.topic());
    add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(original.partition()));
    add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(original.offset()));
    add(headers, DeadLetterHeaders.GROUP, group);
    add(headers, DeadLetterHeaders.EXCEPTION_CLASS, error.getClass().getName());
    String text = error.getMessage();
    add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, text == null ? "" : text);
    add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
    producer
        .send(new ProducerRecord<>(topic, null, original.key(), original.value(), headers))
        .get(DELIVERY_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close(DELIVERY_TIMEOUT);
  }
}
