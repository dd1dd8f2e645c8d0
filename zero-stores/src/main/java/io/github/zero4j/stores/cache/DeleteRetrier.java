package io.github.zero4j.stores.cache;

import io.github.zero4j.core.collection.TimingWheel;
import io.github.zero4j.core.stat.Alerts;
import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries deletes that failed: go-zero's {@code cache/cleaner.go}. A failed delete is retried 1 s
 * later, then 5 s, 1 min, 5 min and 1 h after each further failure; when the last attempt fails
 * too, it is logged and reported through core's rate-limited {@link Alerts}.
 *
 * <p>Timers live on core's {@link TimingWheel} (1 s ticks, 300 slots, as go-zero's), created on the
 * first failure so a healthy cache runs no thread. Attempts run one after another on a single
 * daemon thread, {@value #THREAD_NAME}, so a slow store never delays the wheel. {@link #close()}
 * runs every pending retry once (go-zero drains on shutdown) and stops both threads. Thread-safe.
 */
final class DeleteRetrier implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(DeleteRetrier.class);

  static final String THREAD_NAME = "zero4j-stores-cache-clean";

  /** go-zero's {@code timingWheelSlots}. */
  private static final int SLOTS = 300;

  /** go-zero's {@code delay} steps, the first one after the failed delete. */
  static final List<Duration> DELAYS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofHours(1));

  /** One pending retry: which keys on which store, and how many attempts failed so far. */
  record Task(Store store, List<String> keys, int attempt) {}

  private final Ticker ticker;
  private final Alerts alerts;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable TimingWheel<Long, Task> wheel;
  private @Nullable ExecutorService executor;
  private boolean closed;

  DeleteRetrier(Ticker ticker, Alerts alerts) {
    this.ticker = ticker;
    this.alerts = alerts;
  }

  /** Schedules the first retry of a failed delete of {@code keys} on {@code store}. */
  void schedule(Store store, List<String> keys) {
    arm(new Task(store, List.copyOf(keys), 0));
  }

  /** How many retries are waiting. */
  int pending() {
    lock.lock();
    try {
      return wheel == null ? 0 : wheel.size();
    } finally {
      lock.unlock();
    }
  }

  private void arm(Task task) {
    lock.lock();
    try {
      if (closed) {
        logger.warn("cache closed, dropping retry of delete {}", task.keys());
        return;
      }
      TimingWheel<Long, Task> w = wheel;
      if (w == null) {
        ExecutorService e =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, THREAD_NAME);
                  t.setDaemon(true);
                  return t;
                });
        executor = e;
        w =
            TimingWheel.<Long, Task>builder(DELAYS.get(0), SLOTS, (id, t) -> attempt(t))
                .ticker(ticker)
                .executor(e)
                .build();
        wheel = w;
      }
      w.setTimer(ids.incrementAndGet(), task, DELAYS.get(task.attempt()));
    } finally {
      lock.unlock();
    }
  }

  /** How many retries ran so far: for tests. */
  long attempts() {
    return attempts.get();
  }

  private void attempt(Task task) {
    attempts.incrementAndGet();
    try {
      task.store().del(task.keys());
      logger.info("cache keys {} deleted on retry {}", task.keys(), task.attempt() + 1);
    } catch (RuntimeException e) {
      int next = task.attempt() + 1;
      if (next < DELAYS.size()) {
        arm(new Task(task.store(), task.keys(), next));
      } else {
        String message = "retried but failed to clear cache with keys: " + task.keys();
        logger.error("{}, node: {}", message, task.store().name(), e);
        alerts.report(message);
      }
    }
  }

  @Override
  public void close() {
    TimingWheel<Long, Task> w;
    ExecutorService e;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      w = wheel;
      e = executor;
    } finally {
      lock.unlock();
    }
    if (w != null) {
      w.drain(
          (id, task) -> {
            try {
              task.store().del(task.keys());
            } catch (RuntimeException ex) {
              logger.error("failed to clear cache with keys {} on close", task.keys(), ex);
            }
          });
      w.close();
    }
    if (e != null) {
      e.shutdown();
    }
  }
}
