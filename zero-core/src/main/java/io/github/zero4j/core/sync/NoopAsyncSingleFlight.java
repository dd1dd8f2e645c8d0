package io.github.zero4j.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Starts every call's stage; shares nothing. */
final class NoopAsyncSingleFlight<K, V> implements AsyncSingleFlight<K, V> {

  @Override
  public CompletableFuture<V> execute(
      K key, Supplier<? extends CompletionStage<? extends V>> supplier) {
    requireNonNull(key, "key");
    requireNonNull(supplier, "supplier");
    CompletableFuture<V> result = new CompletableFuture<>();
    try {
      requireNonNull(supplier.get(), "supplier returned a null stage")
          .whenComplete(
              (value, failure) -> {
                if (failure != null) {
                  result.completeExceptionally(DefaultAsyncSingleFlight.unwrap(failure));
                } else {
                  result.complete(value);
                }
              });
    } catch (Throwable t) {
      result.completeExceptionally(t);
    }
    return result;
  }
}
