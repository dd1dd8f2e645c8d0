package io.github.zero4j.core.sync;

import java.util.function.Supplier;

/**
 * Per-key mutual exclusion: calls with the same key run one after another, and unlike {@link
 * SingleFlight} each caller runs its own supplier and gets its own result. Calls with different
 * keys run concurrently. go-zero's {@code syncx.LockedCalls}.
 *
 * <pre>{@code
 * LockedCalls<String, Order> calls = LockedCalls.create();
 * Order order = calls.execute("order:7", () -> orders.applyPayment(7, payment));
 * }</pre>
 *
 * <p>Waiting callers are not served in arrival order: when a call ends, the waiters race and one of
 * them goes next (go-zero behaves the same). A waiting caller that is interrupted stops with a
 * {@link WaitInterruptedException} and keeps its interrupt flag. The lock is not reentrant: a
 * supplier that calls {@code execute} with its own key waits for itself forever. Thread-safe; no
 * {@code synchronized}, so virtual threads never pin.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface LockedCalls<K, V> {

  /** Locked calls for any number of keys. */
  static <K, V> LockedCalls<K, V> create() {
    return new DefaultLockedCalls<>(FlightTable.DEFAULT_SLOTS);
  }

  /**
   * Waits until no call for {@code key} is running, then runs {@code supplier} while holding the
   * key, and returns its value or throws its exception.
   *
   * @throws WaitInterruptedException if interrupted while waiting for the key
   */
  V execute(K key, Supplier<? extends V> supplier);
}
