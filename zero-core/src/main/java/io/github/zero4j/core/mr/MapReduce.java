package io.github.zero4j.core.mr;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Runs a generator, parallel mappers and a reducer with a worker bound and cancellation; go-zero's
 * {@code mr} package.
 *
 * <pre>{@code
 * long total = MapReduce.mapReduce(
 *     source -> ids.forEach(source),                       // generator
 *     (id, writer, cancel) -> writer.accept(price(id)),    // mapper, up to 16 at once
 *     (pipe, writer, cancel) -> {                          // reducer, in this thread
 *       long sum = 0;
 *       for (long p : pipe) sum += p;
 *       writer.accept(sum);
 *     });
 * MapReduce.finish(() -> loadUser(), () -> loadOrders());  // parallel, first failure cancels
 * }</pre>
 *
 * <p>How a run executes:
 *
 * <ul>
 *   <li>The generator runs in a worker thread; at most {@link MapReduceOptions#workers()} mappers
 *       run at once (default {@value MapReduceOptions#DEFAULT_WORKERS}), each in a worker thread;
 *       the reducer runs in the calling thread. Workers are virtual threads on JDK 21+ and pooled
 *       platform threads otherwise, named {@code zero4j-core-mr-N}.
 *   <li>The first failure (an exception from any function, or a {@link Canceller#cancel}) stops the
 *       run: the generator gets no more items through, mappers not yet started never start, and
 *       running mappers are interrupted. The caller gets that first failure, as is if unchecked, in
 *       a {@link MapReduceException} if checked; failures after it are attached with {@link
 *       Throwable#addSuppressed}.
 *   <li>The caller cancels through a {@link Cancellation} in the options, or by interrupting the
 *       calling thread; either way the run stops and the call throws {@link
 *       java.util.concurrent.CancellationException} (after an interrupt, with the flag set).
 *   <li>Every call waits until its generator and mappers have ended before it returns or throws, so
 *       no work outlives the call. (go-zero returns as soon as the reducer has written.)
 * </ul>
 *
 * <p>Thread-safe: any number of runs may proceed at once.
 */
public final class MapReduce {
  private MapReduce() {}

  /** {@link #mapReduce(Generator, Mapper, Reducer, MapReduceOptions)} with default options. */
  public static <T, U, V> V mapReduce(
      Generator<T> generator, Mapper<T, U> mapper, Reducer<U, V> reducer) {
    return mapReduce(generator, mapper, reducer, MapReduceOptions.defaults());
  }

  /**
   * Maps every generated item and reduces the results to the value the reducer writes.
   *
   * @throws java.util.NoSuchElementException if the reducer wrote no value (go-zero's {@code
   *     ErrReduceNoOutput})
   * @throws java.util.concurrent.CancellationException if cancelled by the caller
   * @throws MapReduceException if a function threw a checked exception first
   */
  public static <T, U, V> V mapReduce(
      Generator<T> generator,
      Mapper<T, U> mapper,
      Reducer<U, V> reducer,
      MapReduceOptions options) {
    requireNonNull(generator, "generator");
    requireNonNull(mapper, "mapper");
    requireNonNull(reducer, "reducer");
    requireNonNull(options, "options");
    Run<T, U> run = new Run<>(generator, mapper, options, true);
    ReducerOutput<V> output = new ReducerOutput<>();
    run.start();
    try {
      reducer.reduce(run.pipe(), output, run);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      run.fail(Run.interruption(e));
    } catch (Throwable t) {
      run.fail(t);
    }
    run.reducerReturned();
    run.awaitEnd();
    return output.get();
  }

  /** {@link #forEach(Generator, ItemHandler, MapReduceOptions)} with default options. */
  public static <T> void forEach(Generator<T> generator, ItemHandler<? super T> handler) {
    forEach(generator, handler, MapReduceOptions.defaults());
  }

  /**
   * Handles every generated item in parallel, with no output; go-zero's {@code ForEach}. Returns
   * when all items are handled; throws the first failure (go-zero re-panics; a cancelled context
   * just stops it, where here the caller gets a {@link
   * java.util.concurrent.CancellationException}).
   */
  public static <T> void forEach(
      Generator<T> generator, ItemHandler<? super T> handler, MapReduceOptions options) {
    requireNonNull(generator, "generator");
    requireNonNull(handler, "handler");
    requireNonNull(options, "options");
    Run<T, Object> run =
        new Run<>(generator, (item, writer, cancel) -> handler.handle(item), options, false);
    run.start();
    run.awaitEnd();
  }

  /**
   * Runs all tasks at once and returns when they have all completed; the first failure cancels
   * (interrupts) the others and is thrown. go-zero's {@code Finish}.
   */
  public static void finish(Task... tasks) {
    List<Task> all = List.of(requireNonNull(tasks, "tasks"));
    if (all.isEmpty()) {
      return;
    }
    forEach(
        source -> all.forEach(source),
        Task::run,
        MapReduceOptions.builder().workers(all.size()).build());
  }

  /**
   * {@link #finish} for plain {@link Runnable}s; go-zero's {@code FinishVoid}. A task that throws
   * still cancels the others, and its exception is thrown here.
   */
  public static void finishVoid(Runnable... tasks) {
    List<Runnable> all = List.of(requireNonNull(tasks, "tasks"));
    if (all.isEmpty()) {
      return;
    }
    forEach(
        source -> all.forEach(source),
        Runnable::run,
        MapReduceOptions.builder().workers(all.size()).build());
  }
}
