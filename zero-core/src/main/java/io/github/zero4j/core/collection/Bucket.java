package io.github.zero4j.core.collection;

/**
 * One time slice of a {@link RollingWindow}: it accumulates the values added while its interval is
 * current. A window never resets a bucket; it replaces it with a fresh one from the bucket factory
 * when the slot is reused, so implementations need no reset method.
 *
 * <p>Implementations must be thread-safe: many threads may {@link #add} to the same bucket at once,
 * and readers may inspect it while writers add. Readers must not add.
 */
@FunctionalInterface
public interface Bucket {

  /** Accumulates {@code value}. Called on the hot path: keep it to a few atomic operations. */
  void add(long value);
}
