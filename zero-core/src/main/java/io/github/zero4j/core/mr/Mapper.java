package io.github.zero4j.core.mr;

import java.util.function.Consumer;

/**
 * Maps one item, writing any number of results (none included) to {@code writer}. go-zero's {@code
 * MapperFunc}.
 *
 * <p>Runs in a worker thread; up to the configured number of mappers run at once. Results must not
 * be {@code null}; writes block while the reducer is behind and are dropped once the run is
 * cancelled. Throwing, or calling {@code cancel}, fails the run. When the run is cancelled, a
 * running mapper's thread is interrupted.
 *
 * @param <T> the item type
 * @param <U> the result type
 */
@FunctionalInterface
public interface Mapper<T, U> {
  void map(T item, Consumer<? super U> writer, Canceller cancel) throws Exception;
}
