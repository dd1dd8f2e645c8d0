package io.github.zero4j.core.breaker;

import java.util.Arrays;

/**
 * The window's closed buckets: a ring of {@code buckets} slots holding success, failure and drop
 * counts, one of which is reserved for the live bucket (whose counts live in the breaker's striped
 * counters until it closes). Not thread-safe: the breaker only touches it while holding its roll
 * lock.
 */
final class BucketRing {
  private final long[] success;
  private final long[] failure;
  private final long[] drop;

  /** Slot of the live bucket; its array entries are stale until {@link #roll} closes it. */
  private int live;

  BucketRing(int buckets) {
    success = new long[buckets];
    failure = new long[buckets];
    drop = new long[buckets];
  }

  /**
   * Closes the live bucket with the given counts and moves the live bucket {@code span} (>= 1)
   * buckets forward, emptying the buckets skipped on the way (go-zero's {@code updateOffset}).
   *
   * @return the history of the closed buckets still inside the window, oldest to newest
   */
  History roll(long span, long s, long f, long d) {
    int n = success.length;
    if (span >= n) {
      // Everything, the bucket just closed included, has left the window.
      Arrays.fill(success, 0);
      Arrays.fill(failure, 0);
      Arrays.fill(drop, 0);
      live = 0;
    } else {
      int steps = (int) span;
      set(live, s, f, d);
      for (int i = 1; i < steps; i++) {
        set((live + i) % n, 0, 0, 0);
      }
      live = (live + steps) % n;
    }
    History h = History.EMPTY;
    for (int i = 1; i < n; i++) {
      int slot = (live + i) % n;
      h = h.plusBucket(success[slot], failure[slot], drop[slot]);
    }
    return h;
  }

  private void set(int slot, long s, long f, long d) {
    success[slot] = s;
    failure[slot] = f;
    drop[slot] = d;
  }
}
