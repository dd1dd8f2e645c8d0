package io.github.zero4j.core.sync;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Threads for blocking work: virtual threads when the JVM has them (JDK 21+), platform threads
 * otherwise. zero4j compiles for Java 17, so the virtual-thread API is looked up once, with method
 * handles, when this class initialises; nothing else here is reflective.
 *
 * <pre>{@code
 * ExecutorService handlers = Workers.newExecutor("zero4j-rest-handler-", 200);
 * }</pre>
 *
 * <p>Virtual threads can be turned off with the system property {@value #VIRTUAL_THREADS_PROPERTY}
 * {@code =false} (read once, at class initialisation), for example to compare both modes on one
 * JVM. Thread names are the given prefix followed by a counter from 0, in both modes. All methods
 * are thread-safe.
 */
public final class Workers {
  /** System property that disables virtual threads when set to {@code false}. */
  public static final String VIRTUAL_THREADS_PROPERTY = "zero4j.virtualThreads";

  /** Virtual threads became final in Java 21 (JEP 444). */
  private static final int FIRST_VIRTUAL_THREADS_RELEASE = 21;

  /** Idle platform threads end after this long, as in {@code Executors.newCachedThreadPool}. */
  private static final long PLATFORM_KEEP_ALIVE_SECONDS = 60;

  private static final @Nullable VirtualThreads VIRTUAL = VirtualThreads.lookUp();

  private Workers() {}

  /** Whether {@link #threadFactory} and {@link #newExecutor} create virtual threads. */
  public static boolean virtualThreadsAvailable() {
    return VIRTUAL != null;
  }

  /**
   * A factory of virtual threads if {@linkplain #virtualThreadsAvailable() available}, otherwise of
   * daemon platform threads; threads are named {@code namePrefix} + 0, 1, 2 ...
   */
  public static ThreadFactory threadFactory(String namePrefix) {
    requireNonNull(namePrefix, "namePrefix");
    VirtualThreads virtual = VIRTUAL;
    return virtual != null ? virtual.factory(namePrefix) : platformThreadFactory(namePrefix);
  }

  /** A factory of daemon platform threads named {@code namePrefix} + 0, 1, 2 ... */
  public static ThreadFactory platformThreadFactory(String namePrefix) {
    requireNonNull(namePrefix, "namePrefix");
    AtomicLong counter = new AtomicLong();
    return task -> {
      Thread thread = new Thread(task, namePrefix + counter.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * An executor for blocking tasks. With virtual threads: a new virtual thread per task, no limit.
   * Without: at most {@code maxPlatformThreads} daemon platform threads, further tasks waiting in
   * an unbounded queue, idle threads ending after 60 s. In the platform mode, tasks that wait for
   * each other can deadlock once all threads are taken; keep such tasks off a shared executor. The
   * caller owns the executor and shuts it down.
   */
  public static ExecutorService newExecutor(String namePrefix, int maxPlatformThreads) {
    requireNonNull(namePrefix, "namePrefix");
    if (maxPlatformThreads < 1) {
      throw new IllegalArgumentException(
          "maxPlatformThreads: " + maxPlatformThreads + " (expected: >= 1)");
    }
    VirtualThreads virtual = VIRTUAL;
    if (virtual != null) {
      return virtual.perTaskExecutor(virtual.factory(namePrefix));
    }
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            maxPlatformThreads,
            maxPlatformThreads,
            PLATFORM_KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            platformThreadFactory(namePrefix));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Method handles for {@code Thread.ofVirtual()} and {@code Executors.newThreadPerTaskExecutor}.
   */
  private static final class VirtualThreads {
    private final MethodHandle ofVirtual;
    private final MethodHandle name;
    private final MethodHandle factory;
    private final MethodHandle newThreadPerTaskExecutor;

    private VirtualThreads(
        MethodHandle ofVirtual,
        MethodHandle name,
        MethodHandle factory,
        MethodHandle newThreadPerTaskExecutor) {
      this.ofVirtual = ofVirtual;
      this.name = name;
      this.factory = factory;
      this.newThreadPerTaskExecutor = newThreadPerTaskExecutor;
    }

    static @Nullable VirtualThreads lookUp() {
      if (Runtime.version().feature() < FIRST_VIRTUAL_THREADS_RELEASE
          || "false".equalsIgnoreCase(System.getProperty(VIRTUAL_THREADS_PROPERTY))) {
        return null;
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        // Thread.Builder.OfVirtual does not exist in the Java 17 API we compile against.
        Class<?> builder = Thread.class.getMethod("ofVirtual").getReturnType();
        return new VirtualThreads(
            lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder)),
            lookup.findVirtual(
                builder, "name", MethodType.methodType(builder, String.class, long.class)),
            lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class)),
            lookup.findStatic(
                Executors.class,
                "newThreadPerTaskExecutor",
                MethodType.methodType(ExecutorService.class, ThreadFactory.class)));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    ThreadFactory factory(String namePrefix) {
      try {
        Object named = name.invoke(ofVirtual.invoke(), namePrefix, 0L);
        return (ThreadFactory) factory.invoke(named);
      } catch (Throwable t) {
        throw new IllegalStateException("cannot create a virtual thread factory", t);
      }
    }

    ExecutorService perTaskExecutor(ThreadFactory threads) {
      try {
        return (ExecutorService) newThreadPerTaskExecutor.invoke(threads);
      } catch (Throwable t) {
        throw new IllegalStateException("cannot create a virtual thread executor", t);
      }
    }
  }
}
