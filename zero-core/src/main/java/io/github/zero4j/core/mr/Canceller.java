package io.github.zero4j.core.mr;

import org.jspecify.annotations.Nullable;

/**
 * Cancels a running map-reduce from inside a mapper or the reducer; go-zero's {@code cancel
 * func(error)}. The first failure of a run (a cancel or an exception) is what the caller gets.
 */
@FunctionalInterface
public interface Canceller {

  /**
   * Stops the run: the generator stops, running mappers are interrupted and the caller gets {@code
   * cause} (checked causes wrapped in {@link MapReduceException}). A {@code null} cause becomes a
   * {@link java.util.concurrent.CancellationException} "mapreduce cancelled with null", like
   * go-zero's {@code ErrCancelWithNil}.
   */
  void cancel(@Nullable Throwable cause);
}
