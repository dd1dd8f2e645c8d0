package io.github.zero4j.queue;

import org.jspecify.annotations.Nullable;

/**
 * Told the outcome of one {@link Pusher#pushAsync(String, String, java.util.Map, PushCallback)
 * pushAsync} with a callback: exactly once, either where the message was written or why it was not,
 * never both.
 *
 * <pre>{@code
 * pusher.pushAsync(orderSn, json, (result, error) -> {
 *   if (error != null) {
 *     log.warn("order {} not published", orderSn, error);
 *   }
 * });
 * }</pre>
 *
 * <p>It runs on the producer's I/O thread ({@code KafkaPusher}) or on the pushing thread before
 * {@code pushAsync} returns (a failure known at once, the in-process pusher): keep it short and do
 * not block in it. It should not throw; what it throws is logged and ignored.
 */
@FunctionalInterface
public interface PushCallback {

  /**
   * @param result where the message was written; {@code null} if and only if {@code error} is not
   * @param error why it was not delivered; {@code null} if and only if {@code result} is not
   */
  void onCompletion(@Nullable PushResult result, @Nullable PushException error);
}
