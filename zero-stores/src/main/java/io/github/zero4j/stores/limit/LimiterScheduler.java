package io.github.zero4j.stores.limit;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one daemon thread, {@code zero4j-stores-limiter}, that runs every limiter's heartbeats and
 * Redis probes. Its tasks only start asynchronous Redis calls and never block, so one thread serves
 * any number of limiters; each limiter cancels its own tasks on close.
 */
final class LimiterScheduler {
  private static final AtomicInteger THREADS = new AtomicInteger();

  static final ScheduledThreadPoolExecutor INSTANCE = create();

  private LimiterScheduler() {}

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "zero4j-stores-limiter-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
