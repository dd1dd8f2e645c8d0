package io.github.zero4j.queue.kq;

import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.internal.Delivery;
import io.github.zero4j.queue.internal.PartitionState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * A fetched Kafka record: kept as bytes (the dead-letter topic gets them unchanged) and decoded to
 * a {@link Message} on the worker thread, off the poll thread.
 */
final class KafkaDelivery extends Delivery {
  private final ConsumerRecord<byte[], byte[]> record;
  private final @Nullable ByteBuffer key;

  KafkaDelivery(PartitionState partition, ConsumerRecord<byte[], byte[]> record) {
    super(partition, record.offset());
    this.record = record;
    byte[] k = record.key();
    // ByteBuffer compares by content: the key's identity for its lane, without decoding it.
    this.key = k == null ? null : ByteBuffer.wrap(k);
  }

  ConsumerRecord<byte[], byte[]> record() {
    return record;
  }

  @Override
  public @Nullable Object key() {
    return key;
  }

  @Override
  public Message message() {
    byte[] value = record.value();
    Message.Builder b =
        Message.builder(
                record.topic(), value == null ? "" : new String(value, StandardCharsets.UTF_8))
            .partition(record.partition())
            .offset(record.offset());
    byte[] k = record.key();
    if (k != null) {
      b.key(new String(k, StandardCharsets.UTF_8));
    }
    Header[] headers = record.headers().toArray();
    if (headers.length > 0) {
      Map<String, String> map = new LinkedHashMap<>();
      for (Header h : headers) {
        byte[] v = h.value();
        map.put(h.key(), v == null ? "" : new String(v, StandardCharsets.UTF_8));
      }
      b.headers(map);
    }
    return b.build();
  }
}
