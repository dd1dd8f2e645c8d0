package io.github.zero4j.core.mr;

import java.util.function.Consumer;

/**
 * Combines the mappers' results into the run's value, which it writes to {@code writer} exactly
 * once. go-zero's {@code ReducerFunc}.
 *
 * <p>Runs in the thread that called {@link MapReduce#mapReduce}. {@code pipe} is single-pass: its
 * iterator blocks for the next result and ends when all mappers are done or the run is cancelled.
 * Returning before the pipe ends cancels the remaining work (the written value stands). Writing
 * twice throws {@link IllegalStateException}; not writing makes the run fail with {@link
 * java.util.NoSuchElementException}. Throwing, or calling {@code cancel}, fails the run.
 *
 * @param <U> the mapper result type
 * @param <V> the run's value type
 */
@FunctionalInterface
public interface Reducer<U, V> {
  void reduce(Iterable<U> pipe, Consumer<? super V> writer, Canceller cancel) throws Exception;
}
