package io.github.zero4j.queue.inproc;

import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.internal.Delivery;
import io.github.zero4j.queue.internal.PartitionState;
import org.jspecify.annotations.Nullable;

/** A message of an in-process topic on its way through the dispatcher. */
final class InProcDelivery extends Delivery {
  private final Message message;

  InProcDelivery(PartitionState partition, Message message) {
    super(partition, message.offset());
    this.message = message;
  }

  @Override
  public @Nullable Object key() {
    return message.hasKey() ? message.key() : null;
  }

  @Override
  public Message message() {
    return message;
  }
}
