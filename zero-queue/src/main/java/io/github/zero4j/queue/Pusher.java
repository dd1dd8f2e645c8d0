package io.github.zero4j.queue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes messages to one topic: go-queue's {@code kq.Pusher}, but every push reports its outcome.
 *
 * <pre>{@code
 * try (Pusher pusher = KafkaPusher.create(List.of("127.0.0.1:9092"), "orders")) {
 *   pusher.push(orderId, json);                                  // waits for the acknowledgement
 *   pusher.pushAsync(orderId, json).whenComplete((r, e) -> ...); // does not wait
 *   pusher.pushAsync(orderId, json, (r, e) -> ...);               // same, without a future
 * }
 * }</pre>
 *
 * <p>Values, keys and header values are UTF-8 strings, go-queue's plain-string messages. Messages
 * with the same key keep their order (they go to the same partition); a message without a key goes
 * wherever the implementation balances it. The current OpenTelemetry context is written into the
 * message headers ({@code traceparent}) so a consumer continues the trace.
 *
 * <p>A push that cannot be delivered is never only logged: {@link #push} throws a {@link
 * PushException}, {@link #pushAsync} completes exceptionally with one or hands one to its {@link
 * PushCallback}, at the latest after the implementation's delivery timeout. {@link #close()}
 * delivers what is still buffered or fails it.
 *
 * <p>Implementations are thread-safe.
 */
public interface Pusher extends AutoCloseable {

  /** The topic this pusher writes to. */
  String topic();

  /**
   * Writes {@code value} with {@code key} and extra {@code headers}; the returned future completes
   * with where it was written, or exceptionally with a {@link PushException}. It never throws
   * (except for null arguments): a closed pusher or a full buffer fails the future. It may block
   * while the implementation's buffer is full or the topic's metadata is unknown, at most for the
   * delivery timeout.
   */
  CompletableFuture<PushResult> pushAsync(String key, String value, Map<String, String> headers);

  /** Writes {@code value} without a key. See {@link #pushAsync(String, String, Map)}. */
  CompletableFuture<PushResult> pushAsync(String value);

  /** Writes {@code value} with {@code key}. See {@link #pushAsync(String, String, Map)}. */
  default CompletableFuture<PushResult> pushAsync(String key, String value) {
    return pushAsync(key, value, Map.of());
  }

  /**
   * Writes {@code value} with {@code key} and extra {@code headers} and tells {@code callback} the
   * outcome, exactly once: a {@link PushResult}, or a {@link PushException} (not delivered within
   * the delivery timeout, a closed pusher, a rejected message). The cheapest way to push without
   * waiting: no future is kept per message, so prefer it to {@link #pushAsync(String, String, Map)}
   * when many messages are in flight. Null arguments throw {@link NullPointerException} at once;
   * nothing else is thrown. Blocks like {@link #pushAsync(String, String, Map)} while the buffer is
   * full or the topic's metadata is unknown. See {@link PushCallback} for the thread it runs on.
   */
  void pushAsync(String key, String value, Map<String, String> headers, PushCallback callback);

  /**
   * Writes {@code value} without a key. See {@link #pushAsync(String, String, Map, PushCallback)}.
   */
  void pushAsync(String value, PushCallback callback);

  /**
   * Writes {@code value} with {@code key}. See {@link #pushAsync(String, String, Map,
   * PushCallback)}.
   */
  default void pushAsync(String key, String value, PushCallback callback) {
    pushAsync(key, value, Map.of(), callback);
  }

  /**
   * Writes {@code value} without a key and waits for the acknowledgement.
   *
   * @throws PushException if it could not be delivered
   */
  default PushResult push(String value) {
    return PushFutures.await(topic(), pushAsync(value));
  }

  /**
   * Writes {@code value} with {@code key} and waits for the acknowledgement.
   *
   * @throws PushException if it could not be delivered
   */
  default PushResult push(String key, String value) {
    return PushFutures.await(topic(), pushAsync(key, value));
  }

  /**
   * Writes {@code value} with {@code key} and {@code headers} and waits for the acknowledgement.
   *
   * @throws PushException if it could not be delivered
   */
  default PushResult push(String key, String value, Map<String, String> headers) {
    return PushFutures.await(topic(), pushAsync(key, value, headers));
  }

  /**
   * Sends what is buffered and waits for it (bounded by the delivery timeout); whatever cannot be
   * delivered completes exceptionally. Later pushes fail. Idempotent.
   */
  @Override
  void close();
}
