package io.github.zero4j.core.load;

/**
 * Observes an {@link AdaptiveShedder}'s decisions, for metrics such as go-zero's per-minute {@code
 * shedding_stat} line (total, pass, drop). Called synchronously on the request's thread, so
 * implementations must be cheap and thread-safe (a {@code LongAdder} increment); every method
 * defaults to a no-op.
 */
public interface ShedderListener {

  /** Ignores everything. */
  ShedderListener NOOP = new ShedderListener() {};

  /** A request was admitted. */
  default void onAllow() {}

  /** A request was rejected with {@link OverloadedException}. */
  default void onDrop() {}

  /** An admitted request completed with {@link Promise#pass()}. */
  default void onPass() {}

  /** An admitted request completed with {@link Promise#fail()}. */
  default void onFail() {}
}
