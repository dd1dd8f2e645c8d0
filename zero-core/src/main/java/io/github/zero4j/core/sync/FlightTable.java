package io.github.zero4j.core.sync;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/*
 * The set of flights in progress, keyed by the flight's key. It only ever holds calls that are
 * running right now, so it stays small and never needs to grow like a general-purpose map.
 *
 * Layout: a fixed power-of-two array of slots. A slot holds null, one Flight, or an immutable
 * Flight[] chain when keys collide. Every change is a single CAS of the slot from the value just
 * read to a freshly built one (a new Flight or a copied array), so there are no locks and no ABA:
 * flights and chain arrays are never reused. Claiming a key on an empty slot is one CAS and
 * releasing it is another, which is all a hot key pays; java.util.concurrent.ConcurrentHashMap
 * would add a node allocation, a size counter update on each side and a bin lock on removal.
 *
 * Cost grows with the number of calls in flight that share a slot: a chain of n flights is
 * searched and copied in O(n). With DEFAULT_SLOTS slots that stays a handful of entries up to
 * thousands of distinct keys in flight at once; correctness never depends on the chain length.
 */
final class FlightTable {
  /**
   * Slots per table. 256 references (1 KiB with compressed oops) keep chains short for thousands of
   * distinct keys in flight at once, at a memory cost that lets services create many tables.
   */
  static final int DEFAULT_SLOTS = 256;

  private final AtomicReferenceArray<@Nullable Object> slots;
  private final int mask;

  FlightTable(int slotCount) {
    if (slotCount <= 0 || Integer.bitCount(slotCount) != 1) {
      throw new IllegalArgumentException(
          "slotCount: " + slotCount + " (expected: a positive power of two)");
    }
    this.slots = new AtomicReferenceArray<>(slotCount);
    this.mask = slotCount - 1;
  }

  /**
   * Puts {@code flight} in the table unless a flight for the same key is already there.
   *
   * @return {@code flight} itself if the caller now owns the key, otherwise the flight in progress
   */
  Flight claim(Flight flight) {
    int index = flight.hash & mask;
    while (true) {
      Object slot = slots.get(index);
      Object replacement;
      if (slot == null) {
        replacement = flight;
      } else if (slot instanceof Flight other) {
        if (other.sameKey(flight)) {
          return other;
        }
        replacement = new Flight[] {other, flight};
      } else {
        Flight[] chain = (Flight[]) slot;
        for (Flight other : chain) {
          if (other.sameKey(flight)) {
            return other;
          }
        }
        Flight[] longer = new Flight[chain.length + 1];
        System.arraycopy(chain, 0, longer, 0, chain.length);
        longer[chain.length] = flight;
        replacement = longer;
      }
      if (slots.compareAndSet(index, slot, replacement)) {
        return flight;
      }
    }
  }

  /** Removes {@code flight}, which the caller claimed; later claims of its key start afresh. */
  void release(Flight flight) {
    int index = flight.hash & mask;
    while (true) {
      Object slot = slots.get(index);
      Object replacement;
      if (slot == flight) {
        replacement = null;
      } else if (slot instanceof Flight[] chain) {
        int at = indexOf(chain, flight);
        if (at < 0) {
          throw new IllegalStateException("flight for key " + flight.key + " is not in the table");
        }
        replacement = chain.length == 2 ? chain[1 - at] : without(chain, at);
      } else {
        throw new IllegalStateException("flight for key " + flight.key + " is not in the table");
      }
      if (slots.compareAndSet(index, slot, replacement)) {
        return;
      }
    }
  }

  /** The flight in progress for {@code key}, if any; a test hook. */
  @Nullable Flight find(Object key) {
    Flight probe = new Flight(key);
    Object slot = slots.get(probe.hash & mask);
    if (slot instanceof Flight single) {
      return single.sameKey(probe) ? single : null;
    }
    if (slot instanceof Flight[] chain) {
      for (Flight other : chain) {
        if (other.sameKey(probe)) {
          return other;
        }
      }
    }
    return null;
  }

  /** Whether no flight is in progress; a test hook. */
  boolean isEmpty() {
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) != null) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(Flight[] chain, Flight flight) {
    for (int i = 0; i < chain.length; i++) {
      if (chain[i] == flight) {
        return i;
      }
    }
    return -1;
  }

  private static Flight[] without(Flight[] chain, int at) {
    Flight[] shorter = new Flight[chain.length - 1];
    System.arraycopy(chain, 0, shorter, 0, at);
    System.arraycopy(chain, at + 1, shorter, at, chain.length - at - 1);
    return shorter;
  }
}
