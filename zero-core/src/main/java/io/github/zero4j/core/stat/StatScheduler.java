package io.github.zero4j.core.stat;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread, {@value #THREAD_NAME}, that runs every {@link StatMetrics} report.
 *
 * <p>A single-thread {@link ScheduledThreadPoolExecutor}: cancelled reports leave its queue at
 * once, and its thread ends {@link #KEEP_ALIVE} after the last component closes (a new one starts
 * with the next component), so closing every component stops the thread.
 */
final class StatScheduler {
  static final String THREAD_NAME = "zero4j-core-stat";

  /**
   * How long the idle thread lingers. While reports are pending it also wakes this often to re-arm
   * its wait (a cost of core-thread time-out), so it is long enough to be negligible.
   */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

  private static final ScheduledThreadPoolExecutor EXECUTOR = createExecutor();

  private StatScheduler() {}

  static ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
    long nanos = period.toNanos();
    return EXECUTOR.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor createExecutor() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(KEEP_ALIVE.toNanos(), TimeUnit.NANOSECONDS);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
