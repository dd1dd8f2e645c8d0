package io.github.zero4j.core.executors;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a task at most once per threshold and discards the calls in between (go-zero's {@code
 * executors.LessExecutor}, which throttles alert reports to one per five minutes).
 *
 * <pre>{@code
 * LessExecutor alerts = LessExecutor.of(Duration.ofMinutes(5));
 * alerts.doOrDiscard(() -> log.error("disk almost full"));
 * }</pre>
 *
 * <p>The first call runs; a later call runs when more than the threshold has passed since the last
 * run (strictly more, as in go-zero). Thread-safe and lock-free: among concurrent callers exactly
 * one wins each opening (go-zero's check-then-set can let two through). The task runs in the
 * caller's thread; if it throws, the exception reaches the caller and the run still counts.
 */
public final class LessExecutor {
  private final long thresholdNanos;
  private final Ticker ticker;
  private final AtomicLong lastRun;

  private LessExecutor(Duration threshold, Ticker ticker) {
    this.thresholdNanos = checkThreshold(threshold);
    this.ticker = requireNonNull(ticker, "ticker");
    // As if the last run were just over one threshold ago: the first call always runs.
    this.lastRun = new AtomicLong(ticker.read() - thresholdNanos - 1);
  }

  /** An executor measuring time with {@link Ticker#system()}. */
  public static LessExecutor of(Duration threshold) {
    return new LessExecutor(threshold, Ticker.system());
  }

  /** An executor measuring time with {@code ticker}. */
  public static LessExecutor of(Duration threshold, Ticker ticker) {
    return new LessExecutor(threshold, ticker);
  }

  /**
   * Runs {@code task} now if more than the threshold has passed since the last run, otherwise
   * discards it.
   *
   * @return whether the task ran
   */
  public boolean doOrDiscard(Runnable task) {
    requireNonNull(task, "task");
    long now = ticker.read();
    long last = lastRun.get();
    if (now - last <= thresholdNanos || !lastRun.compareAndSet(last, now)) {
      return false;
    }
    task.run();
    return true;
  }

  /** The minimum time between two runs. */
  public Duration threshold() {
    return Duration.ofNanos(thresholdNanos);
  }

  @Override
  public String toString() {
    return "LessExecutor{threshold=" + threshold() + "}";
  }

  private static long checkThreshold(Duration threshold) {
    requireNonNull(threshold, "threshold");
    if (threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("threshold: " + threshold + " (expected: > 0)");
    }
    try {
      return threshold.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "threshold: " + threshold + " (expected: <= 292 years)", e);
    }
  }
}
