package io.github.zero4j.queue;

import static java.util.Objects.requireNonNull;

/**
 * Where a pushed message was written: its topic, partition and offset (go-queue returns nothing).
 *
 * @param topic the topic written to
 * @param partition the partition, from 0
 * @param offset the message's offset in that partition, from 0
 */
public record PushResult(String topic, int partition, long offset) {

  /** Validates the fields. */
  public PushResult {
    requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
    }
  }
}
