package io.github.zero4j.core.sync;

import java.util.function.Supplier;

/**
 * Suppresses duplicate work: while a call for a key is running, other callers of the same key wait
 * for it and receive its outcome instead of running their own. go-zero's {@code
 * syncx.SingleFlight}.
 *
 * <pre>{@code
 * SingleFlight<String, User> flight = SingleFlight.create();
 * User user = flight.execute("user:42", () -> db.loadUser(42));
 * }</pre>
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>The supplier runs in the thread of the caller that finds no call in progress; concurrent
 *       callers of the same key block until it returns, then get the same value (which may be
 *       {@code null} if the supplier returns {@code null}).
 *   <li>If the supplier throws, the owner and every waiter throw the very same throwable instance.
 *       (go-zero's waiters get {@code (nil, nil)} after a panic; here they see the failure.)
 *   <li>Nothing is cached: the key is released when the call completes, so the next caller runs the
 *       supplier again.
 *   <li>A waiting caller that is interrupted stops waiting with a {@link WaitInterruptedException}
 *       and keeps its interrupt flag; the call in progress continues for the others.
 * </ul>
 *
 * <p>Thread-safe and lock-free (no {@code synchronized}; waiters park), so virtual threads never
 * pin. Keys need consistent {@code equals}/{@code hashCode}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface SingleFlight<K, V> {

  /** A single flight for any number of keys. */
  static <K, V> SingleFlight<K, V> create() {
    return new StripedSingleFlight<>(FlightTable.DEFAULT_SLOTS);
  }

  /** A single flight that shares nothing: every call runs its own supplier and is fresh. */
  static <K, V> SingleFlight<K, V> noop() {
    return new NoopSingleFlight<>();
  }

  /**
   * Runs {@code supplier} unless a call for {@code key} is in progress, in which case waits for
   * that call and returns its value or throws its exception.
   *
   * @throws WaitInterruptedException if this caller was waiting and got interrupted
   */
  V execute(K key, Supplier<? extends V> supplier);

  /**
   * As {@link #execute}, and also tells whether this caller ran the supplier ({@link
   * FlightResult#fresh()}) or shared another caller's result. go-zero's {@code DoEx}.
   */
  FlightResult<V> executeEx(K key, Supplier<? extends V> supplier);
}
