package io.github.zero4j.core.mr;

/**
 * Processes one item of {@link MapReduce#forEach}, producing no output. go-zero's {@code
 * ForEachFunc}. Throwing fails the run and cancels the other items.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface ItemHandler<T> {
  void handle(T item) throws Exception;
}
