package io.github.zero4j.core.timex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/*
 * Idle parking. A clock thread that wakes every millisecond for the life of the JVM costs an idle
 * service a thousand wake-ups a second (one breaker used once at start-up is enough to start it).
 * So the updater watches whether anyone reads the clock. The reading and that state share one
 * volatile long, `word`: the time in nanoseconds with its two low bits cleared, and those bits
 * READ (0), UNREAD or ASLEEP; so a read is still one volatile load, and a bit test.
 *   - Once per IDLE period the updater moves READ to UNREAD; the first read after that CASes it
 *     back (one CAS per period; the other reads only load).
 *   - Finding UNREAD at its next check, the updater CASes it to ASLEEP and parks without a timeout.
 *   - A read that finds ASLEEP cannot trust the time (it may be minutes old): it reads
 *     System.nanoTime() itself and CASes the word to that time with READ; the reader whose CAS
 *     wins unparks the updater.
 * Every store is a CAS from the value it was computed from, to a time at least as large, so the
 * time never goes back whoever wins a race, and a tick of the updater keeps the state bits it
 * found. Dropping two bits of a nanosecond reading costs nothing at millisecond resolution.
 */
/**
 * A millisecond-resolution clock: one daemon thread stores {@code System.nanoTime()} into a
 * volatile field every {@value #RESOLUTION_MILLIS} ms, so readers pay a volatile load instead of a
 * clock call (the same trade Sentinel's {@code TimeUtil} makes). Readers may see a value up to one
 * resolution step old; it never goes backwards. After {@value #IDLE_MILLIS} ms to twice that
 * without a read the thread parks, and the next read takes the time from {@code System.nanoTime()}
 * and restarts it.
 */
final class CoarseTicker implements Ticker {
  /** Refresh period. 1 ms is 1/250 of the breaker's and shedder's smallest bucket. */
  static final long RESOLUTION_MILLIS = 1;

  /** How often the updater checks for reads; a period without any parks it. */
  static final long IDLE_MILLIS = 1000;

  static final CoarseTicker INSTANCE =
      new CoarseTicker(RESOLUTION_MILLIS, IDLE_MILLIS, "zero4j-core-coarse-clock");

  /** The state bits of the word; the rest is the time. */
  private static final long STATE = 3;

  /** Read since the updater's last check (or just woken by a read). */
  private static final long READ = 0;

  /** Not read since the updater's last check. */
  private static final long UNREAD = 1;

  /** The updater is parked until a read; the time in the word may be old. */
  private static final long ASLEEP = 2;

  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(CoarseTicker.class, "word", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long periodNanos;
  private final long ticksPerCheck;
  private final Thread updater;

  @SuppressWarnings("unused") // accessed through WORD; written only by CAS
  private volatile long word = System.nanoTime() & ~STATE;

  /**
   * @param resolutionMillis the refresh period
   * @param idleMillis how often the updater checks for reads (a multiple of the period)
   * @param threadName the updater's name
   */
  CoarseTicker(long resolutionMillis, long idleMillis, String threadName) {
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(resolutionMillis);
    this.ticksPerCheck = Math.max(1, idleMillis / resolutionMillis);
    this.updater = new Thread(this::run, threadName);
    updater.setDaemon(true);
    updater.start();
  }

  @Override
  public long read() {
    long word = (long) WORD.getVolatile(this);
    if ((word & STATE) != READ) {
      return readMarking(word);
    }
    return word;
  }

  /**
   * The first read since the updater's check marks the clock read, waking the updater if need be.
   */
  private long readMarking(long word) {
    while (true) {
      long state = word & STATE;
      long time = word & ~STATE;
      if (state == READ) {
        return time;
      }
      if (state == UNREAD) {
        if (WORD.compareAndSet(this, word, time)) {
          return time;
        }
      } else {
        long fresh = Math.max(time, System.nanoTime() & ~STATE);
        if (WORD.compareAndSet(this, word, fresh)) {
          LockSupport.unpark(updater);
          return fresh;
        }
      }
      word = (long) WORD.getVolatile(this); // lost a race with another reader or the updater
    }
  }

  /** Whether the updater is parked for want of readers (tests). */
  boolean asleep() {
    return ((long) WORD.getVolatile(this) & STATE) == ASLEEP;
  }

  /** The updater thread (tests). */
  Thread updater() {
    return updater;
  }

  private void run() {
    long ticks = 0;
    while (true) {
      LockSupport.parkNanos(this, periodNanos);
      tick(System.nanoTime() & ~STATE);
      if (++ticks < ticksPerCheck) {
        continue;
      }
      ticks = 0;
      if (check()) {
        while (asleep()) {
          LockSupport.park(this);
        }
        // A reader has stored the time and woken us; refresh from the next period on.
      }
    }
  }

  /** Raises the time to {@code time}, keeping the state bits. */
  private void tick(long time) {
    long word;
    do {
      word = (long) WORD.getVolatile(this);
      if ((word & ~STATE) >= time) {
        return;
      }
    } while (!WORD.compareAndSet(this, word, time | (word & STATE)));
  }

  /** READ becomes UNREAD; UNREAD (no read for a whole period) becomes ASLEEP: returns true. */
  private boolean check() {
    while (true) {
      long word = (long) WORD.getVolatile(this);
      long state = word & STATE;
      long next = (word & ~STATE) | (state == READ ? UNREAD : ASLEEP);
      if (WORD.compareAndSet(this, word, next)) {
        return state == UNREAD;
      }
    }
  }
}
