package io.github.zero4j.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How {@link Pusher}'s blocking methods wait for the asynchronous ones. */
final class PushFutures {
  private PushFutures() {}

  /**
   * Waits for {@code future}, unwrapping its failure: a {@link PushException} as it is, anything
   * else wrapped in one; an interrupt fails the wait (the interrupt flag is kept).
   */
  static PushResult await(String topic, CompletableFuture<PushResult> future) {
    try {
      return future.get();
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof PushException) {
        throw (PushException) cause;
      }
      throw new PushException(topic, String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PushException(topic, "interrupted while waiting for the acknowledgement", e);
    }
  }
}
