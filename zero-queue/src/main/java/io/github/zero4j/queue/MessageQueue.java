package io.github.zero4j.queue;

/**
 * A consumer of one topic that calls a {@link MessageHandler} for each message, at least once:
 * go-queue's {@code queue.MessageQueue}. Implementations: {@code kq.KafkaQueue} and {@code
 * inproc.InProcQueue}.
 *
 * <p>{@link #start()} joins the consumer group and returns; messages are handled on worker threads
 * until {@link #stop()}, which lets the messages already fetched finish (up to the drain timeout),
 * commits their offsets and leaves the group. A stopped queue cannot be started again: build a new
 * one. Thread-safe.
 */
public interface MessageQueue extends Service, AutoCloseable {

  /** The topic consumed. */
  String topic();

  /** The consumer group. */
  String group();

  /**
   * Starts consuming.
   *
   * @throws IllegalStateException if already started or stopped
   */
  @Override
  void start();

  /** Drains, commits and stops; idempotent, and a no-op on a queue never started. */
  @Override
  void stop();

  /** {@link #stop()}. */
  @Override
  default void close() {
    stop();
  }
}
