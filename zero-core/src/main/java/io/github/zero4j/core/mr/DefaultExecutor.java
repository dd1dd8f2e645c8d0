package io.github.zero4j.core.mr;

import io.github.zero4j.core.sync.Workers;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor shared by runs that do not bring their own: a virtual thread per job on JDK 21+,
 * otherwise a pool of reused daemon platform threads that hands each job to an idle or new thread
 * and rejects it when {@value #MAX_POOLED_PLATFORM_THREADS} threads are busy (a run then maps in
 * the generator's thread, so runs never wait on each other for threads).
 */
final class DefaultExecutor {
  static final String THREAD_NAME_PREFIX = "zero4j-core-mr-";

  /**
   * Platform threads kept for reuse: sixteen runs at go-zero's default of 16 workers, each with its
   * generator. Beyond it, work degrades to fewer threads rather than queueing.
   */
  static final int MAX_POOLED_PLATFORM_THREADS = 16 * (MapReduceOptions.DEFAULT_WORKERS + 1);

  /** Idle pooled threads end after this long, as in {@code Executors.newCachedThreadPool}. */
  private static final long KEEP_ALIVE_SECONDS = 60;

  static final Executor INSTANCE = create();

  /** Threads for generators the executor rejected. */
  static final ThreadFactory OVERFLOW_THREADS =
      Workers.platformThreadFactory(THREAD_NAME_PREFIX + "overflow-");

  private DefaultExecutor() {}

  private static Executor create() {
    if (Workers.virtualThreadsAvailable()) {
      return Workers.newExecutor(THREAD_NAME_PREFIX, MAX_POOLED_PLATFORM_THREADS);
    }
    return new ThreadPoolExecutor(
        0,
        MAX_POOLED_PLATFORM_THREADS,
        KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        Workers.platformThreadFactory(THREAD_NAME_PREFIX));
  }
}
