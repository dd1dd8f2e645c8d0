package io.github.zero4j.core.sync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link SingleFlight} for asynchronous work: while the stage started for a key is incomplete,
 * other callers of that key get a future of the same outcome instead of starting their own.
 *
 * <pre>{@code
 * AsyncSingleFlight<String, User> flight = AsyncSingleFlight.create();
 * CompletableFuture<User> user = flight.execute("user:42", () -> client.fetchUser(42));
 * }</pre>
 *
 * <p>Every caller gets its own {@link CompletableFuture}: cancelling or completing it affects that
 * caller only, never the shared call or the other callers. A failure reaches every caller as the
 * same exception (inside the usual {@link java.util.concurrent.CompletionException} when read with
 * {@code join()}). If the supplier itself throws, every caller of that flight gets a failed future.
 * The key is released when the stage completes, before callers are notified, so the next call
 * starts the work again. Thread-safe and non-blocking.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface AsyncSingleFlight<K, V> {

  /** An async single flight for any number of keys. */
  static <K, V> AsyncSingleFlight<K, V> create() {
    return new DefaultAsyncSingleFlight<>();
  }

  /** An async single flight that shares nothing: every call starts its own stage. */
  static <K, V> AsyncSingleFlight<K, V> noop() {
    return new NoopAsyncSingleFlight<>();
  }

  /**
   * Starts {@code supplier}'s stage unless one for {@code key} is in progress, and returns a new
   * future of that stage's outcome.
   */
  CompletableFuture<V> execute(K key, Supplier<? extends CompletionStage<? extends V>> supplier);
}
