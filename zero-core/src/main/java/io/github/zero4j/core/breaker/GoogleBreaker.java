package io.github.zero4j.core.breaker;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/*
 * go-zero's googleBreaker and loggedThrottle [1], rebuilt so that a healthy call costs a few
 * loads and one uncontended striped increment.
 *
 * Algorithm (go-zero v1.6.6+, core/breaker/googlebreaker.go). The window is `buckets` buckets
 * (10 s / 40 = 250 ms); each bucket counts successes, failures and drops, and the live bucket
 * is part of the window. Over the window: accepts = successes, total = successes + failures +
 * drops; wb = success-only buckets since the last bucket with a failure; fb = failure-only
 * buckets since the last bucket with a success (History.plusBucket). Then
 *   w = max(minK, k - (k - minK) * fb / buckets)                      (1.5 -> 1.1)
 *   dropRatio = ((total - protection) - w * accepts) / (total + 1)    (SRE eq. 21.1 [2])
 *   dropRatio <= 0                        -> pass, lastPass untouched
 *   lastPass set, now - lastPass > 1 s    -> pass (probe), lastPass = now
 *   dropRatio *= (buckets - wb) / buckets -> drop with that probability, else pass, lastPass = now
 * A drop is recorded as a drop and so counts in total (SRE-faithful, go-zero #3897).
 *
 * Window layout. go-zero folds all 40 buckets under a mutex on every call. Here the window is
 * split in two:
 *  - the live bucket: three LongAdders (successes, failures, drops). Recording an outcome is one
 *    LongAdder increment: a CAS on a base word while uncontended, on a per-thread padded cell
 *    once two threads collide, so two threads on one breaker do not share a written cache line.
 *  - the closed buckets: a BucketRing guarded by rollLock, and an immutable Window snapshot
 *    {start of the live bucket, History of the closed buckets still in the window, healthy}
 *    published through a volatile field.
 * Rolling. Each call reads the ticker (Ticker.coarse(): one volatile load) and compares it with
 * window.start; once a bucket boundary has passed, the first thread to notice takes rollLock,
 * re-checks, drains the adders with sumThenReset into the ring slot of the bucket that closes,
 * empties skipped slots, folds the closed buckets (39 of them: O(buckets) once per 250 ms, never
 * per call) into a History and publishes a new Window. The lock is held for well under a
 * microsecond once per bucket; threads that cross the same boundary wait for it instead of
 * deciding on a stale window. It is a ReentrantLock, not synchronized, so a virtual thread does
 * not pin its carrier. Outcomes are recorded in the bucket that is live when they complete, as
 * go-zero's RollingWindow.Add does, so recording also rolls when it sees a boundary.
 * No lost counts. sumThenReset takes each cell with an atomic getAndSet, so an increment racing
 * with a roll lands either in the closing bucket or in the next one, never nowhere; counts only
 * leave the window by ageing out of it.
 *
 * Fast path. Window.healthy is precomputed at each roll: dropRatio(closed buckets alone) <= 0.
 * If it holds and the live bucket has no failure and no drop, the full formula also gives
 * dropRatio <= 0, so the call passes with no arithmetic:
 *  - with no live success, accepts, total and fb are the closed buckets' own (same formula);
 *  - with c > 0 live successes, fb = 0 so w = k >= w0 (the closed buckets' w); total grows by
 *    c and w * accepts by k * c >= 1.1 * c, so the numerator falls by at least 0.1 * c, far more
 *    than double rounding can move it for counts below 2^40.
 * IEEE subtraction of finite doubles is <= 0 exactly when a <= b and the denominator is
 * positive, so the shortcut agrees with the formula. The fast path therefore reads the ticker,
 * window, window.start, window.healthy and the failure and drop adders (cells pointer and base
 * each), then increments the success adder.
 * Anything else takes the slow path: the live bucket's sums are folded onto the closed History
 * and the exact formula is evaluated.
 *
 * Force-pass. lastPass starts at NEVER (go-zero: 0), so probing starts only after a call has
 * passed while dropRatio > 0. The probe claims lastPass with a CAS, so at most one call per
 * second is probed even when many threads arrive at once (go-zero's load-then-store can let
 * several through).
 *
 * Off the hot path. Failure reasons go into a lock-free 5-slot ErrorWindow; each drop asks the
 * process-wide RejectionReporter to log, which logs at most once per 5 minutes and otherwise
 * counts. The BreakerOpenException is stackless, cause-less and suppression-less, so one
 * instance per breaker is thrown every time.
 *
 * [1] github.com/zeromicro/go-zero core/breaker/{googlebreaker,breaker,bucket}.go
 * [2] Site Reliability Engineering, ch. 21 "Handling Overload", client-side throttling
 */

/**
 * go-zero's Google-SRE breaker. Thread-safe; lock-free on the call path except a short lock held
 * once per bucket (250 ms) to roll the window.
 */
final class GoogleBreaker implements Breaker {

  /** "No call has passed while dropping yet" (go-zero: lastPass == 0). */
  private static final long NEVER = Long.MIN_VALUE;

  private static final long FORCE_PASS_NANOS = BreakerBuilder.FORCE_PASS_INTERVAL.toNanos();

  private static final VarHandle LAST_PASS;

  static {
    try {
      LAST_PASS = MethodHandles.lookup().findVarHandle(GoogleBreaker.class, "lastPass", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The closed part of the window as of one roll; replaced, never mutated. */
  private static final class Window {
    /** Ticker time at which the live bucket started. */
    final long start;

    /** The closed buckets still inside the window. */
    final History closed;

    /** {@code dropRatio(closed) <= 0}: see the fast-path note in the block comment. */
    final boolean healthy;

    Window(long start, History closed, boolean healthy) {
      this.start = start;
      this.closed = closed;
      this.healthy = healthy;
    }
  }

  private final String name;
  private final Ticker ticker;
  private final RandomGenerator random;
  private final long bucketNanos;
  private final int buckets;
  private final double k;
  private final long protection;

  /** Local wall-clock times, as go-zero prints them. */
  private final ErrorWindow errors = new ErrorWindow(Clock.system(ZoneId.systemDefault()));

  private final RejectionReporter reporter;
  private final BreakerOpenException rejection;
  private final Promise promise = new BreakerPromise();

  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder drops = new LongAdder();

  private final ReentrantLock rollLock = new ReentrantLock();
  private final BucketRing ring; // guarded by rollLock

  private volatile Window window;

  /** Ticker time of the last call let through while dropRatio > 0; CAS through LAST_PASS. */
  private volatile long lastPass = NEVER;

  GoogleBreaker(
      String name,
      Ticker ticker,
      RandomGenerator random,
      long bucketNanos,
      int buckets,
      double k,
      long protection,
      RejectionReporter reporter) {
    this.name = name;
    this.ticker = ticker;
    this.random = random;
    this.bucketNanos = bucketNanos;
    this.buckets = buckets;
    this.k = k;
    this.protection = protection;
    this.reporter = reporter;
    this.rejection = new BreakerOpenException(name);
    this.ring = new BucketRing(buckets);
    this.window = new Window(ticker.read(), History.EMPTY, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Promise allow() {
    if (!admit()) {
      throw dropped();
    }
    return promise;
  }

  @Override
  public <T> T execute(Supplier<? extends T> call, Predicate<? super Throwable> acceptable) {
    requireNonNull(call, "call");
    requireNonNull(acceptable, "acceptable");
    if (!admit()) {
      throw dropped();
    }
    T result;
    try {
      result = call.get();
    } catch (Throwable t) {
      recordThrown(t, acceptable);
      throw t;
    }
    markSuccess();
    return result;
  }

  @Override
  public <T> T executeWithFallback(
      Supplier<? extends T> call,
      Function<? super BreakerOpenException, ? extends T> fallback,
      Predicate<? super Throwable> acceptable) {
    requireNonNull(call, "call");
    requireNonNull(fallback, "fallback");
    requireNonNull(acceptable, "acceptable");
    if (!admit()) {
      markDrop();
      try {
        return fallback.apply(rejection);
      } catch (BreakerOpenException e) {
        // The fallback passed the rejection on: report it as go-zero does for a returned error.
        reporter.report(name, errors);
        throw e;
      }
    }
    T result;
    try {
      result = call.get();
    } catch (Throwable t) {
      recordThrown(t, acceptable);
      throw t;
    }
    markSuccess();
    return result;
  }

  @Override
  public <T, E extends Exception> T executeChecked(
      CheckedSupplier<? extends T, E> call, Predicate<? super Throwable> acceptable) throws E {
    requireNonNull(call, "call");
    requireNonNull(acceptable, "acceptable");
    if (!admit()) {
      throw dropped();
    }
    T result;
    try {
      result = call.get();
    } catch (Throwable t) {
      recordThrown(t, acceptable);
      throw t;
    }
    markSuccess();
    return result;
  }

  @Override
  public void run(Runnable task) {
    requireNonNull(task, "task");
    if (!admit()) {
      throw dropped();
    }
    try {
      task.run();
    } catch (Throwable t) {
      recordThrown(t, Outcomes.NONE_ACCEPTABLE);
      throw t;
    }
    markSuccess();
  }

  @Override
  public String toString() {
    return "GoogleBreaker[" + name + "]";
  }

  // ---- decision -------------------------------------------------------------------------------

  /** Whether to let one call through. Rolls the window if a bucket boundary has passed. */
  private boolean admit() {
    long now = ticker.read();
    Window w = window;
    if (now - w.start >= bucketNanos) {
      w = roll(now);
    }
    if (w.healthy && failures.sum() == 0 && drops.sum() == 0) {
      return true;
    }
    return admitSlow(now, w);
  }

  private boolean admitSlow(long now, Window w) {
    History h = w.closed.plusBucket(successes.sum(), failures.sum(), drops.sum());
    double ratio = dropRatio(h);
    if (ratio <= 0) {
      return true;
    }
    long last = lastPass;
    if (last != NEVER
        && now - last > FORCE_PASS_NANOS
        && LAST_PASS.compareAndSet(this, last, now)) {
      return true;
    }
    ratio *= workingFactor(h);
    if (random.nextDouble() < ratio) {
      return false;
    }
    lastPass = now;
    return true;
  }

  /**
   * go-zero's drop ratio before the force-pass and working-bucket steps: {@code ((total -
   * protection) - w * accepts) / (total + 1)} with {@code w = max(minK, k - (k - minK) * fb /
   * buckets)}, evaluated in go-zero's order so both round alike.
   */
  double dropRatio(History h) {
    double w =
        Math.max(
            BreakerBuilder.MIN_K, k - (k - BreakerBuilder.MIN_K) * h.failingBuckets() / buckets);
    double weightedAccepts = w * h.accepts();
    return ((double) (h.total() - protection) - weightedAccepts) / (double) (h.total() + 1);
  }

  /** go-zero's recovery accelerator {@code (buckets - wb) / buckets}. */
  double workingFactor(History h) {
    return (double) (buckets - h.workingBuckets()) / buckets;
  }

  // ---- recording ------------------------------------------------------------------------------

  private BreakerOpenException dropped() {
    markDrop();
    reporter.report(name, errors);
    return rejection;
  }

  void markDrop() {
    tick();
    drops.increment();
  }

  void markSuccess() {
    tick();
    successes.increment();
  }

  void markFailure(Object reason) {
    tick();
    failures.increment();
    errors.add(reason);
  }

  /**
   * Records a thrown call: an accepted exception is a success; an {@link Error}, a rejected
   * exception or a predicate that itself throws is a failure.
   */
  private void recordThrown(Throwable t, Predicate<? super Throwable> acceptable) {
    boolean accepted = false;
    try {
      accepted = !(t instanceof Error) && acceptable.test(t);
    } finally {
      if (accepted) {
        markSuccess();
      } else {
        markFailure(t);
      }
    }
  }

  /** Rolls the window if the live bucket has ended, so an outcome lands in the bucket of now. */
  private void tick() {
    long now = ticker.read();
    if (now - window.start >= bucketNanos) {
      roll(now);
    }
  }

  private Window roll(long now) {
    rollLock.lock();
    try {
      Window w = window;
      long elapsed = now - w.start;
      if (elapsed < bucketNanos) {
        return w; // another thread rolled past this boundary first
      }
      long span = elapsed / bucketNanos;
      History closed =
          ring.roll(span, successes.sumThenReset(), failures.sumThenReset(), drops.sumThenReset());
      Window next = new Window(w.start + span * bucketNanos, closed, dropRatio(closed) <= 0);
      window = next;
      return next;
    } finally {
      rollLock.unlock();
    }
  }

  // ---- test hooks -----------------------------------------------------------------------------

  /** The whole window as of now, live bucket included (what go-zero's history() returns). */
  History history() {
    tick();
    return window.closed.plusBucket(successes.sum(), failures.sum(), drops.sum());
  }

  /** The drop probability a call would face now, after the working-bucket factor (0 if none). */
  double currentDropProbability() {
    History h = history();
    double ratio = dropRatio(h);
    return ratio <= 0 ? 0 : ratio * workingFactor(h);
  }

  ErrorWindow errors() {
    return errors;
  }

  private final class BreakerPromise implements Promise {
    @Override
    public void accept() {
      markSuccess();
    }

    @Override
    public void reject(String reason) {
      markFailure(requireNonNull(reason, "reason"));
    }
  }
}
