package io.github.zero4j.queue;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A message could not be delivered: the broker did not acknowledge it within the pusher's delivery
 * timeout, the pusher was closed first, or the message was rejected (too large, not authorized).
 * {@link Pusher#push} throws it; {@link Pusher#pushAsync} completes exceptionally with it. The
 * message may or may not have been written: a timeout after the broker wrote it but before the
 * acknowledgement arrived is indistinguishable from a loss, as with any at-least-once producer.
 */
public final class PushException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public PushException(String topic, String message, @Nullable Throwable cause) {
    super("push to " + requireNonNull(topic, "topic") + " failed: " + message, cause);
    this.topic = topic;
  }

  /** The topic the message was meant for. */
  public String topic() {
    return topic;
  }
}
