package io.github.zero4j.core.limit;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/*
 * Algorithm: a token bucket kept as "virtual time" (GCRA, the Generic Cell Rate Algorithm [1]).
 *
 * A token costs T = 1 s / rate of time. Instead of a token count and a refill timestamp, the
 * bucket stores one number, tat (the "theoretical arrival time"): the instant at which the bucket
 * would be full again if nothing else were taken. With tolerance tau = burst × T, the tokens
 * available at time now are
 *
 *     tokens(now) = burst − max(0, tat − now) / T
 *
 * so "grant n iff tokens >= n" becomes "grant iff max(tat, now) + n·T − now <= tau", and a grant
 * sets tat = max(tat, now) + n·T. A bucket idle for longer than its fill time has tat <= now and is
 * full (refill capped at burst); a new bucket has tat = its creation time, so it starts full. This
 * is exactly go-zero's token script [2] (refill rate × elapsed capped at burst, grant iff tokens
 * >= n, denial changes nothing) with a continuous clock instead of whole seconds.
 *
 * Units. Time is measured in fixed-point units of 2^-shift ns since a per-state origin, so T need
 * not be a whole number of nanoseconds (at 3e8 tokens/s, T = 3.33 ns; rounding it to 3 ns would
 * grant 11 % too many). shift is the largest value <= 24 that keeps tau below 2^61 units, so T is
 * accurate to 2^-24 / 1.43 = 4e-8 even at 7e8 tokens/s, and slow buckets (fill times beyond
 * 2^37 ns = 137 s) trade unneeded precision for range. T is truncated, which errs by at most one
 * unit per token towards granting. Every quantity stays below 2^63: now < 2^61 (see rebasing),
 * tat <= now + tau < 2^62, and n·T <= tau.
 *
 * Concurrency. The configuration (T, tau, shift, origin, ticker) and the mutable tat live in one
 * State object: final fields plus a volatile long. allow() reads the current State, reads the
 * ticker and tat, and publishes the new tat with one compareAndSet; denials write nothing. There
 * is no lock and no allocation on this path.
 *
 * Changing the configuration (setRate, or rebasing the origin) must convert tat to the new units
 * without losing a concurrent grant. The changer seals the old State: it CASes tat from the value
 * it read to SEALED, which succeeds only if no grant slipped in between, so the value it converted
 * is final. It then publishes the successor State. A caller that reads SEALED spins until the
 * successor appears (two instructions later unless the changer is descheduled), then retries on
 * it. Each State is therefore frozen before it is replaced, and no token is granted twice.
 *
 * Rebasing. Scaled time (now − origin) << shift must stay below 2^61 units: 2^37 ns = 137 s at
 * shift 24, longer at smaller shifts. When a caller finds now − origin beyond that horizon it
 * replaces the State with an identical one whose origin is now and whose tat keeps the same debt
 * (tat − now): one small allocation every two minutes at most, and it also covers a bucket left
 * idle for years.
 *
 * Clock. With the coarse ticker (1 ms steps, one volatile load) time advances in jumps; a jump of
 * d refills d / T tokens at once, capped at burst. Nothing is lost while tau >= d, so the default
 * is the coarse ticker when tau >= 10 ms (ten steps of margin for a late clock thread), otherwise
 * System.nanoTime(). go-zero's Redis limiter refills once per second, so either is finer.
 *
 * [1] ITU-T I.371, the virtual scheduling form of GCRA; also Brandur Leach, "Rate limiting, cells,
 *     and GCRA" (2015).
 * [2] go-zero core/limit/tokenscript.lua (reference/gozero-core.md section 2.1).
 */
/** The lock-free {@link TokenBucket}: virtual-time GCRA on one compare-and-set. Thread-safe. */
final class GcraTokenBucket implements TokenBucket {

  /** tat value of a State that has been replaced; never a real tat (those are >= 0). */
  static final long SEALED = Long.MIN_VALUE;

  /**
   * Finest time unit, 2^-24 ns: T accurate to 6e-8 at any rate up to 1e9/s, at the price of a
   * rebase every 2^37 ns (137 s) of activity.
   */
  static final int MAX_SHIFT = 24;

  /** Bound on tolerance and on scaled elapsed time, so that tat + n·T stays below 2^63. */
  static final long MAX_SCALED = 1L << 61;

  /** Fill time from which the coarse 1 ms ticker loses nothing: ten of its steps. */
  static final long COARSE_MIN_FILL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final double NANOS_PER_SECOND = 1e9;

  /** Spins on a sealed State before yielding the CPU to the (descheduled) changer. */
  private static final int SPINS_BEFORE_YIELD = 64;

  private final String name;
  private final @Nullable Ticker fixedTicker;
  private volatile State state;

  GcraTokenBucket(String name, double rate, int burst, @Nullable Ticker ticker) {
    this.name = requireNonNull(name, "name");
    this.fixedTicker = ticker;
    Ticker clock = tickerFor(rate, burst);
    this.state = new State(rate, checkFill(rate, burst), burst, clock, clock.read(), 0);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean allow() {
    return tryTake(1);
  }

  @Override
  public boolean allow(int permits) {
    if (permits <= 0) {
      if (permits == 0) {
        return true;
      }
      throw new IllegalArgumentException("permits: " + permits + " (expected: >= 0)");
    }
    return tryTake(permits);
  }

  private boolean tryTake(int n) {
    for (; ; ) {
      State s = state;
      if (n > s.burst) {
        return false;
      }
      long elapsed = s.ticker.read() - s.origin;
      if (Long.compareUnsigned(elapsed, s.horizon) >= 0) {
        rebase(s);
        continue;
      }
      long tat = s.tat;
      if (tat == SEALED) {
        awaitSuccessor(s);
        continue;
      }
      long now = elapsed << s.shift;
      long next = (tat - now > 0 ? tat : now) + n * s.interval;
      if (next - now > s.tolerance) {
        return false;
      }
      if (State.TAT.compareAndSet(s, tat, next)) {
        return true;
      }
    }
  }

  @Override
  public double rate() {
    return state.rate;
  }

  @Override
  public int burst() {
    return state.burst;
  }

  @Override
  public void setRate(double rate) {
    checkRate(rate);
    for (; ; ) {
      State s = state;
      if (replace(s, rate, s.burst)) {
        return;
      }
    }
  }

  @Override
  public void setRate(double rate, int burst) {
    checkRate(rate);
    checkBurst(burst);
    checkFill(rate, burst);
    for (; ; ) {
      if (replace(state, rate, burst)) {
        return;
      }
    }
  }

  @Override
  public String toString() {
    State s = state;
    return "TokenBucket{name=" + name + ", rate=" + s.rate + ", burst=" + s.burst + "}";
  }

  /** Replaces an expired origin; returns once {@code s} is no longer current. */
  private void rebase(State s) {
    while (state == s && !replace(s, s.rate, s.burst)) {
      Thread.onSpinWait();
    }
  }

  /**
   * Seals {@code s} and publishes its successor with the given configuration. Returns false if
   * {@code s} changed under us (a grant or another change); the caller retries.
   */
  private boolean replace(State s, double rate, int burst) {
    long tat = s.tat;
    if (tat == SEALED) {
      awaitSuccessor(s);
      return false;
    }
    long now = s.ticker.read();
    // A ticker that went backwards (it should not) is treated as standing still.
    long debt = debtAt(s, tat, Math.max(0, now - s.origin));
    Ticker clock = tickerFor(rate, burst);
    Scale scale = checkFill(rate, burst);
    long newDebt;
    if (rate == s.rate && burst == s.burst) {
      newDebt = debt;
    } else {
      newDebt = convertDebt(debt, s.interval, s.burst, scale, burst);
    }
    long origin = clock == s.ticker ? now : clock.read();
    State successor = new State(rate, scale, burst, clock, origin, newDebt);
    if (!State.TAT.compareAndSet(s, tat, SEALED)) {
      return false;
    }
    state = successor;
    return true;
  }

  /**
   * A debt of {@code debt} units of {@code interval} per token, under burst {@code oldBurst}, in
   * the new units: the tokens held are kept, capped at the new burst, and a part-token owed is
   * rounded up. In exact integer arithmetic: debts pass 2^53 units, where a double conversion lost
   * a token now and then (setRate is rare, so the BigInteger allocation does not matter).
   */
  static long convertDebt(long debt, long interval, int oldBurst, Scale scale, int burst) {
    BigInteger newInterval = BigInteger.valueOf(scale.interval());
    // ceil(debt * newInterval / interval), plus the change of burst in tokens.
    BigInteger[] quotient =
        BigInteger.valueOf(debt)
            .multiply(newInterval)
            .divideAndRemainder(BigInteger.valueOf(interval));
    BigInteger owed =
        quotient[0]
            .add(quotient[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO)
            .add(BigInteger.valueOf((long) burst - oldBurst).multiply(newInterval));
    if (owed.signum() <= 0) {
      return 0;
    }
    return owed.min(BigInteger.valueOf(scale.tolerance(burst))).longValueExact();
  }

  /** {@code max(0, tat − now)} in scaled units, for any elapsed time (even past the horizon). */
  private static long debtAt(State s, long tat, long elapsed) {
    if (elapsed > (tat >> s.shift)) {
      return 0;
    }
    return Math.max(0, tat - (elapsed << s.shift));
  }

  // Yield, not park: the changer is two instructions from done and only needs a CPU.
  @SuppressWarnings("ThreadPriorityCheck")
  private void awaitSuccessor(State sealed) {
    for (int spins = 0; state == sealed; spins++) {
      if (spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  private Ticker tickerFor(double rate, int burst) {
    if (fixedTicker != null) {
      return fixedTicker;
    }
    return burst / rate * NANOS_PER_SECOND >= COARSE_MIN_FILL_NANOS
        ? Ticker.coarse()
        : Ticker.system();
  }

  /** The ticker of the current state (for tests). */
  Ticker ticker() {
    return state.ticker;
  }

  /** Nanoseconds after which the current state rebases (for tests). */
  long horizonNanos() {
    return state.horizon;
  }

  static double checkRate(double rate) {
    if (!(rate > 0 && rate <= MAX_RATE)) {
      throw new IllegalArgumentException(
          "rate: " + rate + " (expected: > 0 and <= " + MAX_RATE + ")");
    }
    return rate;
  }

  static int checkBurst(int burst) {
    if (burst <= 0) {
      throw new IllegalArgumentException("burst: " + burst + " (expected: > 0)");
    }
    return burst;
  }

  /** Picks the unit for (rate, burst), or rejects a fill time too long to represent. */
  static Scale checkFill(double rate, int burst) {
    double nanosPerToken = NANOS_PER_SECOND / rate;
    for (int shift = MAX_SHIFT; shift >= 0; shift--) {
      long interval = (long) (nanosPerToken * (1L << shift));
      if (interval >= 1 && interval <= MAX_SCALED / burst) {
        return new Scale(shift, interval);
      }
    }
    double seconds = burst / rate;
    throw new IllegalArgumentException(
        "burst / rate: "
            + seconds
            + " s (expected: <= "
            + MAX_SCALED / (long) NANOS_PER_SECOND
            + " s)");
  }

  /** Fixed-point unit 2^-shift ns and the cost of one token in it. */
  record Scale(int shift, long interval) {
    long tolerance(int burst) {
      return interval * burst;
    }
  }

  /** One configuration and its virtual time; replaced (after sealing) when either changes. */
  static final class State {
    static final VarHandle TAT;

    static {
      try {
        TAT = MethodHandles.lookup().findVarHandle(State.class, "tat", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final double rate;
    final int burst;
    final int shift;
    final long interval;
    final long tolerance;
    final long horizon;
    final Ticker ticker;
    final long origin;
    volatile long tat;

    State(double rate, Scale scale, int burst, Ticker ticker, long origin, long tat) {
      this.rate = rate;
      this.burst = burst;
      this.shift = scale.shift();
      this.interval = scale.interval();
      this.tolerance = scale.tolerance(burst);
      this.horizon = MAX_SCALED >> shift;
      this.ticker = ticker;
      this.origin = origin;
      this.tat = tat;
    }
  }
}
