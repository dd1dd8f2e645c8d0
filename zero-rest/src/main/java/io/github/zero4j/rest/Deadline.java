package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The instant by which a request must be answered, on a {@link Ticker}'s monotonic clock. The
 * {@link BuiltIn#TIMEOUT} middleware gives every request of a route with a timeout one ({@link
 * Request#deadline()}); clients called from the handler narrow their own timeouts to it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Deadline implements Comparable<Deadline> {
  /**
   * Longest timeout kept (about 73 years): longer ones are clamped so that differences between
   * deadlines on a nanoTime-style clock never overflow.
   */
  private static final long MAX_NANOS = Long.MAX_VALUE / 4;

  private final Ticker ticker;
  private final long nanos;

  private Deadline(Ticker ticker, long nanos) {
    this.ticker = ticker;
    this.nanos = nanos;
  }

  /** The deadline {@code timeout} from now on {@code ticker}. */
  public static Deadline after(Duration timeout, Ticker ticker) {
    requireNonNull(ticker, "ticker");
    return after(timeout, ticker, ticker.read());
  }

  /**
   * The deadline {@code timeout} after {@code now}, a reading of {@code ticker} just taken: {@link
   * #after(Duration, Ticker)} without reading the ticker again.
   */
  public static Deadline after(Duration timeout, Ticker ticker, long now) {
    requireNonNull(timeout, "timeout");
    requireNonNull(ticker, "ticker");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    return new Deadline(ticker, now + Math.min(saturatedNanos(timeout), MAX_NANOS));
  }

  /** The deadline {@code timeout} from now on the system ticker. */
  public static Deadline after(Duration timeout) {
    return after(timeout, Ticker.system());
  }

  /** Nanoseconds left; zero or negative once expired. */
  public long remainingNanos() {
    return nanos - ticker.read();
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, remainingNanos()));
  }

  /** Whether the deadline has passed at {@code now}, a reading of this deadline's ticker. */
  public boolean isExpiredAt(long now) {
    return nanos - now <= 0;
  }

  /** Whether the deadline has passed. */
  public boolean isExpired() {
    return remainingNanos() <= 0;
  }

  /** The earlier of this deadline and {@code other} (which must share this ticker). */
  public Deadline earliest(Deadline other) {
    requireNonNull(other, "other");
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(Deadline other) {
    // Differences, not raw values: nanoTime-style clocks may start anywhere.
    return Long.signum(nanos - other.nanos);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Deadline that && that.nanos == nanos && that.ticker == ticker;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nanos);
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + Duration.ofNanos(remainingNanos()) + "]";
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
