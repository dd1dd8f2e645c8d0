package io.github.zero4j.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * go-zero's lockedGroup on the lock-free FlightTable: a caller claims the key with a Flight used
 * only as a gate. If another caller's gate is there, wait for that gate to open and try again
 * (go-zero's "goto begin"); otherwise run the supplier, then release the key and open the gate.
 * A gate that lost a claim was never published, so the caller reuses it for the next attempt.
 */
final class DefaultLockedCalls<K, V> implements LockedCalls<K, V> {
  private final FlightTable table;

  DefaultLockedCalls(int slots) {
    this.table = new FlightTable(slots);
  }

  @Override
  public V execute(K key, Supplier<? extends V> supplier) {
    requireNonNull(key, "key");
    requireNonNull(supplier, "supplier");
    Flight gate = new Flight(key);
    while (true) {
      Flight current = table.claim(gate);
      if (current == gate) {
        break;
      }
      current.awaitCompletion();
    }
    try {
      return supplier.get();
    } finally {
      table.release(gate);
      gate.complete(null);
    }
  }

  /** The gate of the call running for {@code key}, if any; a test hook. */
  @Nullable Flight running(K key) {
    return table.find(key);
  }
}
