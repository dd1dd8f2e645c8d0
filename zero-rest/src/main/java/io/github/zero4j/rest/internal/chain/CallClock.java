package io.github.zero4j.rest.internal.chain;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import io.netty.util.concurrent.FastThreadLocal;

/*
 * Why: a chain already reads the server's ticker twice per request (Pipeline), and the route's
 * breaker and the server's shedder each want a reading when the request enters and one when it
 * leaves. Given their own clock, those are four more readings (System.nanoTime, about 20 ns each)
 * or, with zero-core's coarse ticker, a thread waking a thousand times a second on the event
 * loop's core. Given this one, they read the chain's readings: the shedder's latency is then the
 * chain's duration exactly, as go-zero measures it.
 *
 * Stale readings are impossible by construction: a thread's reading is published only around the
 * loops that call the stages (Pipeline.execute and Pipeline.leave) and cleared in a finally. A
 * chain run inside another on the same thread (nothing does that today) would clear the outer
 * one's reading early, and the outer stages would then read the ticker itself: a fresh reading,
 * never a wrong one.
 */
/**
 * The clock of the BREAKER and SHEDDING built-ins: while a thread runs a chain's stages, the
 * chain's own reading of the server's ticker (its start while the stages enter, its end while they
 * leave); at any other time, the server's ticker.
 *
 * <p>Thread-safe: each thread has its own reading.
 */
public final class CallClock implements Ticker {
  private final Ticker ticker;
  private final FastThreadLocal<Reading> readings =
      new FastThreadLocal<>() {
        @Override
        protected Reading initialValue() {
          return new Reading();
        }
      };

  /** A clock over {@code ticker}, the server's. */
  public CallClock(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker");
  }

  /** The server's ticker, which the chain reads. */
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public long read() {
    Reading reading = readings.get();
    return reading.published ? reading.now : ticker.read();
  }

  /** The calling thread's reading, for the chain to publish its own in. */
  Reading reading() {
    return readings.get();
  }

  @Override
  public String toString() {
    return "CallClock{" + ticker + "}";
  }

  /** One thread's published reading. */
  static final class Reading {
    private long now;
    private boolean published;

    /** Until {@link #clear()}, this thread's reads of the clock return {@code now}. */
    void publish(long now) {
      this.now = now;
      published = true;
    }

    /** Back to reading the ticker. */
    void clear() {
      published = false;
    }
  }
}
