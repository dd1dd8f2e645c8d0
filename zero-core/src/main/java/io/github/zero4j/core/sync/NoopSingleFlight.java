package io.github.zero4j.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/** Runs every call; shares nothing. */
final class NoopSingleFlight<K, V> implements SingleFlight<K, V> {

  @Override
  public V execute(K key, Supplier<? extends V> supplier) {
    requireNonNull(key, "key");
    return requireNonNull(supplier, "supplier").get();
  }

  @Override
  public FlightResult<V> executeEx(K key, Supplier<? extends V> supplier) {
    return new FlightResult<>(execute(key, supplier), true);
  }
}
