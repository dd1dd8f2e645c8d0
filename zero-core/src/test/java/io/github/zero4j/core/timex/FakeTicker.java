package io.github.zero4j.core.timex;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that tests advance by hand. Thread-safe. Shipped in zero-core's test-jar so
 * every module's tests can drive time without sleeping.
 */
public final class FakeTicker implements Ticker {
  private final AtomicLong nanos;

  /** Starts at an arbitrary large value, as {@code System.nanoTime()} may. */
  public FakeTicker() {
    this(Duration.ofDays(400).toNanos());
  }

  public FakeTicker(long startNanos) {
    this.nanos = new AtomicLong(startNanos);
  }

  @Override
  public long read() {
    return nanos.get();
  }

  public FakeTicker advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
    return this;
  }

  public FakeTicker advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  public FakeTicker advanceNanos(long n) {
    nanos.addAndGet(n);
    return this;
  }
}
