package io.github.zero4j.queue;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for conditions the code under test reaches on other threads. */
public final class Await {
  private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

  private Await() {}

  /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** {@link #until} with 30 s, describing the last observed value on failure. */
  public static <T> void until(String what, Supplier<T> observed, BooleanSupplier condition) {
    try {
      until(what, Duration.ofSeconds(30), condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (last seen: " + observed.get() + ")", e);
    }
  }
}
