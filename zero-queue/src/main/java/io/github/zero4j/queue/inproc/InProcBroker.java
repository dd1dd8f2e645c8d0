package io.github.zero4j.queue.inproc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.ConsumeHandler;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.MessageHandler;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.kq.KqConf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Topics in memory, for tests and for running services in one process ("embedded mode") with the
 * same {@link Pusher} and queue contract as Kafka:
 *
 * <pre>{@code
 * InProcBroker broker = InProcBroker.create();
 * Pusher pusher = broker.pusher("orders");
 * InProcQueue queue = broker.queue(conf, (key, value) -> ...);   // conf: the same KqConf
 * queue.start();
 * pusher.push("order-1", "{...}");
 * broker.messages("orders-dlt");   // what was dead-lettered
 * }</pre>
 *
 * <p>Each topic has one partition and holds at most {@link Builder#capacity} messages: a push waits
 * for room up to {@link Builder#deliveryTimeout} and then fails with a {@code PushException}. A
 * message is kept until every group that ever consumed the topic has committed it, so a queue
 * restarted in the process gets its uncommitted messages again. Nothing survives the process.
 *
 * <p>Thread-safe.
 */
public final class InProcBroker {
  /** Messages a topic holds before pushes wait. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** How long a push waits for room in a full topic. */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private final int capacity;
  private final Duration deliveryTimeout;
  private final Tracing tracing;
  private final ConcurrentMap<String, InProcTopic> topics = new ConcurrentHashMap<>();

  private InProcBroker(Builder b) {
    this.capacity = b.capacity;
    this.deliveryTimeout = b.deliveryTimeout;
    this.tracing = b.tracing;
  }

  /** A broker with the defaults. */
  public static InProcBroker create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A pusher to {@code topic} (created on first use). */
  public Pusher pusher(String topic) {
    return new InProcPusher(topic(topic), deliveryTimeout.toNanos(), tracing);
  }

  /** A queue consuming {@code conf}'s topic; its {@code Brokers} are ignored. Call start(). */
  public InProcQueue queue(KqConf conf, MessageHandler handler) {
    return InProcQueue.builder(this, conf, handler).build();
  }

  /** A queue calling go-queue style {@code handler(key, value)}. */
  public InProcQueue queue(KqConf conf, ConsumeHandler handler) {
    return InProcQueue.builder(this, conf, handler).build();
  }

  /** The messages {@code topic} holds now (not yet committed by every group), oldest first. */
  public List<Message> messages(String topic) {
    return topic(topic).snapshot();
  }

  /** {@code group}'s committed offset in {@code topic}; -1 if the group never consumed it. */
  public long committed(String topic, String group) {
    requireNonNull(group, "group");
    return topic(topic).committed(group);
  }

  /** The offset the next message of {@code topic} will get. */
  public long endOffset(String topic) {
    return topic(topic).end();
  }

  InProcTopic topic(String name) {
    requireNonNull(name, "topic");
    return topics.computeIfAbsent(name, n -> new InProcTopic(n, capacity));
  }

  Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  /** Builds an {@link InProcBroker}. Not thread-safe. */
  public static final class Builder {
    private int capacity = DEFAULT_CAPACITY;
    private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
    private Tracing tracing = Tracing.global();

    Builder() {}

    /** Messages each topic holds; default {@value #DEFAULT_CAPACITY}. */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
      }
      this.capacity = capacity;
      return this;
    }

    /** How long a push waits for room; default {@link #DEFAULT_DELIVERY_TIMEOUT}. */
    public Builder deliveryTimeout(Duration deliveryTimeout) {
      requireNonNull(deliveryTimeout, "deliveryTimeout");
      if (deliveryTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "deliveryTimeout: " + deliveryTimeout + " (expected: >= 0)");
      }
      this.deliveryTimeout = deliveryTimeout;
      return this;
    }

    /** Where pushers take the trace context from; default {@link Tracing#global()}. */
    public Builder tracing(Tracing tracing) {
      this.tracing = requireNonNull(tracing, "tracing");
      return this;
    }

    public InProcBroker build() {
      return new InProcBroker(this);
    }
  }
}
