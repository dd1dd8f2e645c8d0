package io.github.zero4j.queue.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The number of messages a queue has fetched but not finished, with a high watermark (pause
 * fetching) and a low one (resume), and a way for paused drivers to sleep until the count falls to
 * the low watermark.
 *
 * <pre>
 * The count is one atomic shared by the queue's drivers and workers. A worker's release() that
 * brings it to exactly the low watermark wakes the parked drivers (a decrement passes through every
 * value, so that is the crossing). A driver registers itself, re-reads the count and only then
 * parks; with the worker's write-count-then-read-waiters that order guarantees one of the two sees
 * the other, so no wake-up is lost. Parks are bounded, so drivers also keep their group membership
 * alive.
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class InFlight {
  /** Fetching resumes at half the maximum: hysteresis, so pause/resume do not flap per message. */
  private static final int RESUME_DIVISOR = 2;

  private final AtomicLong count = new AtomicLong();
  private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
  private final long max;
  private final long low;

  public InFlight(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxInFlight: " + max + " (expected: >= 1)");
    }
    this.max = max;
    this.low = max / RESUME_DIVISOR;
  }

  public long count() {
    return count.get();
  }

  public long max() {
    return max;
  }

  /** How many more messages may be fetched before the maximum; 0 at or above it. */
  public long room() {
    return Math.max(0, max - count.get());
  }

  /** At or above the maximum: fetching should pause. */
  public boolean full() {
    return count.get() >= max;
  }

  /** At or below the low watermark: paused fetching may resume. */
  public boolean canResume() {
    return count.get() <= low;
  }

  void acquire() {
    count.incrementAndGet();
  }

  void release() {
    if (count.decrementAndGet() == low && !waiting.isEmpty()) {
      for (Thread t : waiting) {
        LockSupport.unpark(t);
      }
    }
  }

  /** Parks the calling driver until {@link #canResume()} or {@code nanos} pass. */
  public void awaitCapacity(long nanos) {
    Thread me = Thread.currentThread();
    waiting.add(me);
    try {
      if (!canResume()) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      waiting.remove(me);
    }
  }
}
