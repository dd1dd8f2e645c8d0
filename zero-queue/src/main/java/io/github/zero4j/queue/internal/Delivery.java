package io.github.zero4j.queue.internal;

import io.github.zero4j.queue.Message;
import org.jspecify.annotations.Nullable;

/**
 * One fetched message on its way through a {@link Dispatcher}: the partition it belongs to, its
 * offset, the identity it is ordered by, and how to decode it. Subclasses hold the source's own
 * record (a Kafka {@code ConsumerRecord}, an in-process {@link Message}).
 */
public abstract class Delivery {
  private final PartitionState partition;
  private final long offset;

  // Set by the driver before the delivery is published to a worker; read after.
  long seq;
  @Nullable Dispatcher<?> owner;
  @Nullable Lane<?> lane;

  // Written by the worker before it publishes the completion; read by the driver after.
  boolean done;

  protected Delivery(PartitionState partition, long offset) {
    this.partition = partition;
    this.offset = offset;
  }

  public final PartitionState partition() {
    return partition;
  }

  public final long offset() {
    return offset;
  }

  /** What messages are ordered by (equal keys in offset order); {@code null} for no key. */
  public abstract @Nullable Object key();

  /** The message as handlers see it (attempt 1). Called on the worker thread. */
  public abstract Message message();
}
