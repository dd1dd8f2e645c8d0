package io.github.zero4j.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * go-zero's flightGroup without its mutex: a caller builds a Flight, tries to claim the key in the
 * FlightTable with one CAS, and either owns the key (runs the supplier, releases the key, then
 * publishes the outcome) or joins the flight it found. Releasing before publishing matches
 * go-zero (delete from the map, then wake the waiters), so a caller arriving after the outcome is
 * known starts a new call rather than reading a finished one.
 */
final class StripedSingleFlight<K, V> implements SingleFlight<K, V> {
  private final FlightTable table;

  StripedSingleFlight(int slots) {
    this.table = new FlightTable(slots);
  }

  @Override
  public V execute(K key, Supplier<? extends V> supplier) {
    requireNonNull(key, "key");
    requireNonNull(supplier, "supplier");
    Flight flight = new Flight(key);
    Flight current = table.claim(flight);
    if (current != flight) {
      return cast(current.join());
    }
    return run(flight, supplier);
  }

  @Override
  public FlightResult<V> executeEx(K key, Supplier<? extends V> supplier) {
    requireNonNull(key, "key");
    requireNonNull(supplier, "supplier");
    Flight flight = new Flight(key);
    Flight current = table.claim(flight);
    if (current != flight) {
      return new FlightResult<>(cast(current.join()), false);
    }
    return new FlightResult<>(run(flight, supplier), true);
  }

  private V run(Flight flight, Supplier<? extends V> supplier) {
    V value;
    try {
      value = supplier.get();
    } catch (Throwable t) {
      table.release(flight);
      flight.fail(t);
      throw t;
    }
    table.release(flight);
    flight.complete(value);
    return value;
  }

  /** The flight in progress for {@code key}, if any; a test hook. */
  @Nullable Flight inFlight(K key) {
    return table.find(key);
  }

  /** Whether no call is in progress; a test hook. */
  boolean idle() {
    return table.isEmpty();
  }

  /** A shared value is {@code null} exactly when the owner's supplier returned {@code null}. */
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals", "NullAway"})
  private static <V> V cast(@Nullable Object value) {
    return (V) value;
  }
}
