package io.github.zero4j.core.mr;

import java.util.function.Consumer;

/**
 * Produces the items to map by passing each to {@code source}. go-zero's {@code GenerateFunc}.
 *
 * <p>Runs in a worker thread of its own. {@code source.accept} blocks while all workers are busy,
 * and throws once the run is cancelled (let that exception propagate); items must not be {@code
 * null}. An exception thrown here fails the run.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface Generator<T> {
  void generate(Consumer<? super T> source) throws Exception;
}
