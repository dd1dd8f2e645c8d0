package io.github.zero4j.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/*
 * A ConcurrentHashMap from key to the shared future of the stage in progress. The first caller
 * installs the shared future with putIfAbsent, starts the stage and, when it completes, removes
 * the key and then completes the shared future. Callers never see the shared future itself, only
 * CompletableFuture.copy() of it: a copy completes when the shared one does, while cancelling or
 * completing a copy leaves the shared future and the other callers alone.
 */
final class DefaultAsyncSingleFlight<K, V> implements AsyncSingleFlight<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<V> execute(
      K key, Supplier<? extends CompletionStage<? extends V>> supplier) {
    requireNonNull(key, "key");
    requireNonNull(supplier, "supplier");
    CompletableFuture<V> shared = new CompletableFuture<>();
    CompletableFuture<V> existing = flights.putIfAbsent(key, shared);
    if (existing != null) {
      return existing.copy();
    }
    CompletionStage<? extends V> stage;
    try {
      stage = requireNonNull(supplier.get(), "supplier returned a null stage");
    } catch (Throwable t) {
      flights.remove(key, shared);
      shared.completeExceptionally(t);
      return shared.copy();
    }
    stage.whenComplete(
        (value, failure) -> {
          flights.remove(key, shared);
          if (failure != null) {
            shared.completeExceptionally(unwrap(failure));
          } else {
            shared.complete(value);
          }
        });
    return shared.copy();
  }

  /** Whether no stage is in progress; a test hook. */
  boolean idle() {
    return flights.isEmpty();
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure.getCause();
    return failure instanceof CompletionException && cause != null ? cause : failure;
  }
}
