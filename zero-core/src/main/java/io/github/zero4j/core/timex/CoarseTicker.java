package io.github.zero4j.core.timex;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A millisecond-resolution clock: one daemon thread stores {@code System.nanoTime()} into a
 * volatile field every {@value #RESOLUTION_MILLIS} ms, so readers pay a volatile load instead of a
 * clock call (the same trade Sentinel's {@code TimeUtil} makes). Readers may see a value up to one
 * resolution step old; it never goes backwards.
 */
final class CoarseTicker implements Ticker {
  /** Refresh period. 1 ms is 1/250 of the breaker's and shedder's smallest bucket. */
  static final long RESOLUTION_MILLIS = 1;

  static final CoarseTicker INSTANCE = new CoarseTicker();

  private volatile long now = System.nanoTime();

  private CoarseTicker() {
    Thread updater = new Thread(this::run, "zero4j-core-coarse-clock");
    updater.setDaemon(true);
    updater.start();
  }

  @Override
  public long read() {
    return now;
  }

  private void run() {
    long period = TimeUnit.MILLISECONDS.toNanos(RESOLUTION_MILLIS);
    while (true) {
      LockSupport.parkNanos(period);
      now = System.nanoTime();
    }
  }
}
