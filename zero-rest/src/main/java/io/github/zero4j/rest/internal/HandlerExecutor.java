package io.github.zero4j.rest.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs blocking handlers: one virtual thread per request on JDK 21+, else a bounded pool of
 * platform threads with a bounded number of waiting tasks (a full pool rejects, and the request
 * gets a 503). zero4j compiles for Java 17, so the virtual-thread factory is looked up at run time
 * through method handles ({@code Thread.ofVirtual().name(prefix, 1).factory()}). Threads are named
 * {@value #THREAD_PREFIX}N.
 *
 * <p>The platform pool is a FIFO {@link ForkJoinPool} of at most {@code platformThreads} threads
 * (started on demand, ended after 60 s idle), not a {@code ThreadPoolExecutor}: with short handlers
 * the latter's {@code LinkedBlockingQueue} wakes a sleeping thread for nearly every task, each
 * taker signalling the next, and those futex wake-ups and context switches were most of the cost of
 * a blocking route on JDK 17 (docs/benchmarks.md). The bound the pool lacks is a counter of tasks
 * accepted and not finished: {@code platformThreads + queueCapacity}.
 *
 * <p>Thread-safe.
 */
public final class HandlerExecutor implements Executor, AutoCloseable {
  static final String THREAD_PREFIX = "zero4j-rest-handler-";

  private static final Logger LOG = LoggerFactory.getLogger(HandlerExecutor.class);

  /** Virtual threads are final in JDK 21. */
  private static final int VIRTUAL_THREADS_SINCE = 21;

  private final @Nullable ThreadFactory virtualThreads;
  private final @Nullable ForkJoinPool pool;
  private final int limit;
  private final AtomicInteger pending = new AtomicInteger();

  private HandlerExecutor(
      @Nullable ThreadFactory virtualThreads, @Nullable ForkJoinPool pool, int limit) {
    this.virtualThreads = virtualThreads;
    this.pool = pool;
    this.limit = limit;
  }

  /**
   * Virtual threads when {@code preferVirtual} and the JVM has them, else {@code platformThreads}
   * threads with {@code queueCapacity} waiting tasks.
   */
  public static HandlerExecutor create(
      boolean preferVirtual, int platformThreads, int queueCapacity) {
    ThreadFactory virtual = preferVirtual ? virtualThreadFactory() : null;
    if (virtual != null) {
      return new HandlerExecutor(virtual, null, Integer.MAX_VALUE);
    }
    if (platformThreads < 1 || queueCapacity < 0) {
      throw new IllegalArgumentException(
          "platformThreads: "
              + platformThreads
              + ", queueCapacity: "
              + queueCapacity
              + " (expected: >= 1 and >= 0)");
    }
    AtomicInteger ids = new AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory threads =
        forkJoin -> {
          ForkJoinWorkerThread thread =
              ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoin);
          thread.setName(THREAD_PREFIX + ids.incrementAndGet());
          return thread;
        };
    ForkJoinPool pool =
        new ForkJoinPool(
            platformThreads,
            threads,
            // Dispatch's tasks catch everything; this is for a bug in one of them.
            (thread, e) -> LOG.error("handler task failed on {}", thread.getName(), e),
            true);
    return new HandlerExecutor(null, pool, platformThreads + queueCapacity);
  }

  /** Whether handlers run on virtual threads. */
  public boolean virtual() {
    return virtualThreads != null;
  }

  @Override
  public void execute(Runnable task) {
    ThreadFactory factory = virtualThreads;
    if (factory != null) {
      factory.newThread(task).start();
      return;
    }
    ForkJoinPool platform = pool;
    if (platform == null) {
      throw new IllegalStateException("no executor");
    }
    if (pending.incrementAndGet() > limit) {
      pending.decrementAndGet();
      throw new RejectedExecutionException(
          "handler pool full: " + limit + " tasks accepted and not finished");
    }
    try {
      platform.execute(
          () -> {
            try {
              task.run();
            } finally {
              pending.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      throw e;
    }
  }

  /** Stops the platform pool, interrupting handlers still running past the shutdown wait. */
  @Override
  public void close() {
    ForkJoinPool platform = pool;
    if (platform != null) {
      platform.shutdownNow();
    }
  }

  @Override
  public String toString() {
    ForkJoinPool platform = pool;
    return platform == null
        ? "virtual threads"
        : "platform pool of " + platform.getParallelism() + " threads";
  }

  /** {@code Thread.ofVirtual().name(THREAD_PREFIX, 1).factory()}, or null before JDK 21. */
  static @Nullable ThreadFactory virtualThreadFactory() {
    if (Runtime.version().feature() < VIRTUAL_THREADS_SINCE) {
      return null;
    }
    try {
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodHandle start =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
      MethodHandle name =
          lookup.findVirtual(
              builder, "name", MethodType.methodType(builder, String.class, long.class));
      MethodHandle factory =
          lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
      Object named = name.invoke(start.invoke(), THREAD_PREFIX, 1L);
      return (ThreadFactory) factory.invoke(named);
    } catch (Throwable e) {
      // Not a JDK with virtual threads after all (or they are disabled): use the pool.
      return null;
    }
  }
}
