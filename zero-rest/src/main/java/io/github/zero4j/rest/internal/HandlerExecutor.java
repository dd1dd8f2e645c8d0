package io.github.zero4j.rest.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs blocking handlers: one virtual thread per request on JDK 21+, else a bounded pool of
 * platform threads with a bounded queue (a full pool rejects, and the request gets a 503). zero4j
 * compiles for Java 17, so the virtual-thread factory is looked up at run time through method
 * handles ({@code Thread.ofVirtual().name(prefix, 1).factory()}). Threads are named {@value
 * #THREAD_PREFIX}N.
 *
 * <p>Thread-safe.
 */
public final class HandlerExecutor implements Executor, AutoCloseable {
  static final String THREAD_PREFIX = "zero4j-rest-handler-";

  /** Idle platform threads end after this long: ThreadPoolExecutor's usual keep-alive. */
  private static final long KEEP_ALIVE_SECONDS = 60;

  /** Virtual threads are final in JDK 21. */
  private static final int VIRTUAL_THREADS_SINCE = 21;

  private final @Nullable ThreadFactory virtualThreads;
  private final @Nullable ThreadPoolExecutor pool;

  private HandlerExecutor(
      @Nullable ThreadFactory virtualThreads, @Nullable ThreadPoolExecutor pool) {
    this.virtualThreads = virtualThreads;
    this.pool = pool;
  }

  /**
   * Virtual threads when {@code preferVirtual} and the JVM has them, else {@code platformThreads}
   * threads with {@code queueCapacity} waiting tasks.
   */
  public static HandlerExecutor create(
      boolean preferVirtual, int platformThreads, int queueCapacity) {
    ThreadFactory virtual = preferVirtual ? virtualThreadFactory() : null;
    if (virtual != null) {
      return new HandlerExecutor(virtual, null);
    }
    AtomicInteger ids = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            platformThreads,
            platformThreads,
            KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(queueCapacity),
            task -> new Thread(task, THREAD_PREFIX + ids.incrementAndGet()),
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return new HandlerExecutor(null, pool);
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
    ThreadPoolExecutor platform = pool;
    if (platform == null) {
      throw new IllegalStateException("no executor");
    }
    platform.execute(task);
  }

  /** Stops the platform pool, interrupting handlers still running past the shutdown wait. */
  @Override
  public void close() {
    ThreadPoolExecutor platform = pool;
    if (platform != null) {
      platform.shutdownNow();
    }
  }

  @Override
  public String toString() {
    ThreadPoolExecutor platform = pool;
    return platform == null
        ? "virtual threads"
        : "platform pool of " + platform.getMaximumPoolSize() + " threads";
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
