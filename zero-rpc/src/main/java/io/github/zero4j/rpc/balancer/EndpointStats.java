package io.github.zero4j.rpc.balancer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/*
 * What the picker knows about one endpoint: go-zero's subConn [1] and its maths, lock-free.
 *
 * Maths (go-zero zrpc/internal/balancer/p2c/p2c.go, unchanged since 2021):
 *   score    = floor(sqrt(floor(lag) + 1))                 lag in ns: 1 ms -> 1000, 100 ms -> 10 000
 *   load     = score * (inflight + 1), or PENALTY if that is 0
 *   on completion of a call started at `start`, now = ticker:
 *     td  = now - last (then last = now), w = exp(-td / 10 s)   (w = 0 for the first completion)
 *     w   = min(w, (n - 1) / n), n = number of samples so far   (not in go-zero: see below)
 *     w   = 0 as well while lag is still 0                       (the first sample replaces)
 *     lag     = lag * w + (now - start) * (1 - w)
 *     success = success * w + (failed ? 0 : 1000) * (1 - w)
 *   healthy  = success > 500
 * The decay is by elapsed time, not by sample count: at 1000 completions/s each sample weighs
 * about 1e-4 and the EWMA still has a 10 s time constant.
 *
 * Differences:
 *  - Warm-up averaging. go-zero's first sample replaces the (empty) EWMA and, because later
 *    samples weigh only td/τ, that one sample stands for the endpoint's latency for seconds: at
 *    1000 completions/s the EWMA still holds 90 % of it after one second. A first call is the
 *    least representative one (a cold JIT, a connection's first window, a burst at start-up). Here
 *    a sample weighs at least 1/n, n counting the endpoint's samples: the EWMA is the plain mean
 *    of the first samples until the time weight 1 - exp(-td/τ) exceeds 1/n, then exactly
 *    go-zero's. At 1000/s that hand-over is at 10 000 samples (10 s = τ); at 1/s after about 10.
 *    The first sample still replaces (1/1), so go-zero's "lag 0 -> w = 0" rule holds as is.
 *  - go-zero stores lag and success as uint64, so every update truncates toward zero.
 *    For success that is a ratchet: at more than about 10 completions/s per endpoint
 *    (1000 - success) * (1 - w) < 1, so truncation cancels every recovery step while each error
 *    still takes at least 1 away; an endpoint with a steady 1 % error rate drifts below 500 and
 *    stays "unhealthy" for good. Both EWMAs are doubles here; the load keeps go-zero's integer
 *    rounding (floor of the lag, floor of the square root).
 *
 * Concurrency. go-zero loads, computes and stores each field, so two completions racing on one
 * endpoint can lose an update. Here:
 *   - inflight and the sample count are atomic adds; the requests of the stats line are not
 *     counted apart: streams started = samples + inflight, and the line takes the difference
 *     since its previous reading (one atomic add less per call);
 *   - last is swapped with getAndSet, so each completion sees its own td (as go-zero's Swap);
 *   - lag and success are doubles held as raw long bits, each updated by a compare-and-set loop
 *     (read bits, compute, CAS, retry on interference), so no sample is lost; the weight for
 *     success is the one the winning lag update used;
 *   - pick (for the 1 s force-pick) is claimed with a CAS, so one caller per second takes it.
 * Readers (the picker) read each field with one volatile load and never wait. The two EWMAs are
 * not updated atomically together; a reader may see the new lag with the old success for a few
 * nanoseconds, which changes no decision that a later call would not make anyway.
 *
 * [1] github.com/zeromicro/go-zero zrpc/internal/balancer/p2c/p2c.go (subConn, load, buildDoneFunc)
 */

/** Per-endpoint state of the {@code p2c_ewma} picker. Thread-safe; lock-free. */
final class EndpointStats {
  /** The EWMA time constant τ: Finagle's default decay time, kept by go-zero (decayTime). */
  static final long DECAY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** An endpoint not picked for this long is picked next time it loses a pair (forcePick). */
  static final long FORCE_PICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Success EWMA of a fresh endpoint and the value of one good response (initSuccess). */
  static final double INIT_SUCCESS = 1000;

  /** Healthy means success strictly above this (throttleSuccess = initSuccess / 2). */
  static final double THROTTLE_SUCCESS = INIT_SUCCESS / 2;

  /** Load reported when score * (inflight + 1) is 0 (go-zero's penalty, math.MaxInt32). */
  static final long PENALTY = Integer.MAX_VALUE;

  /**
   * Slow-start window (not in go-zero): for this long after an endpoint becomes READY it wins a
   * comparison only part of the time, the share rising linearly. 10 s is one EWMA time constant, so
   * by its end the endpoint has been judged on a full τ of its own samples.
   */
  static final long SLOW_START_NANOS = DECAY_NANOS;

  /**
   * Share of its comparisons a just-READY endpoint keeps at the start of the ramp: Envoy's default
   * slow-start minimum weight (10 %), so a new endpoint is probed at once but not flooded.
   */
  static final double SLOW_START_MIN_RAMP = 0.1;

  private static final long NEVER = Long.MIN_VALUE;
  private static final long INIT_SUCCESS_BITS = Double.doubleToRawLongBits(INIT_SUCCESS);

  private static final VarHandle LAG_BITS;
  private static final VarHandle SUCCESS_BITS;
  private static final VarHandle LAST;
  private static final VarHandle PICK;
  private static final VarHandle INFLIGHT;
  private static final VarHandle SAMPLES;
  private static final VarHandle LAST_SAMPLE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      LAG_BITS = lookup.findVarHandle(EndpointStats.class, "lagBits", long.class);
      SUCCESS_BITS = lookup.findVarHandle(EndpointStats.class, "successBits", long.class);
      LAST = lookup.findVarHandle(EndpointStats.class, "last", long.class);
      PICK = lookup.findVarHandle(EndpointStats.class, "pick", long.class);
      INFLIGHT = lookup.findVarHandle(EndpointStats.class, "inflight", int.class);
      SAMPLES = lookup.findVarHandle(EndpointStats.class, "samples", long.class);
      LAST_SAMPLE = lookup.findVarHandle(EndpointStats.class, "lastSample", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String address;

  @SuppressWarnings("unused") // accessed through LAG_BITS
  private volatile long lagBits; // double nanoseconds; 0.0 = no sample yet

  @SuppressWarnings("unused") // accessed through SUCCESS_BITS
  private volatile long successBits = INIT_SUCCESS_BITS;

  @SuppressWarnings("unused") // accessed through LAST
  private volatile long last = NEVER;

  private volatile long pick;

  @SuppressWarnings("unused") // accessed through INFLIGHT
  private volatile int inflight;

  private volatile long requestsBase; // streams started up to the previous takeRequests

  @SuppressWarnings("unused") // accessed through SAMPLES
  private volatile long samples;

  @SuppressWarnings("unused") // accessed through LAST_SAMPLE
  private volatile long lastSample; // ns, the latest completed call's latency; 0 = none yet

  private volatile long readySince = NEVER;

  /**
   * @param address shown in the stats log line
   * @param now ticker reading at creation; the endpoint counts as never picked (go-zero's pick
   *     starts at 0), so it may be force-picked at once
   */
  EndpointStats(String address, long now) {
    this.address = address;
    this.pick = now - FORCE_PICK_NANOS - 1;
  }

  String address() {
    return address;
  }

  /** The lag EWMA in nanoseconds; 0 until the first completion. */
  double lag() {
    return Double.longBitsToDouble((long) LAG_BITS.getVolatile(this));
  }

  /** The success EWMA, from {@value #INIT_SUCCESS} (all good) down to 0. */
  double success() {
    return Double.longBitsToDouble((long) SUCCESS_BITS.getVolatile(this));
  }

  /**
   * The latency of the call that completed last, in nanoseconds (0 before the first completion):
   * the picker's slow test asks whether an endpoint is slow now, not only on average.
   */
  long lastSample() {
    return (long) LAST_SAMPLE.getAcquire(this);
  }

  int inflight() {
    return (int) INFLIGHT.getVolatile(this);
  }

  /** Whether a latency sample has been taken (go-zero: lag != 0). */
  boolean sampled() {
    return lag() != 0;
  }

  /** go-zero's latency term {@code floor(sqrt(lag + 1))}, lag truncated to whole nanoseconds. */
  long score() {
    return scoreOf(lag());
  }

  /** {@link #score()}, or 0 while the endpoint has no sample (one read of the lag). */
  long sampledScore() {
    double lag = lag();
    return lag != 0 ? scoreOf(lag) : 0;
  }

  private static long scoreOf(double lag) {
    return (long) Math.sqrt(Math.floor(lag) + 1);
  }

  /** go-zero's load: {@code score * (inflight + 1)}, or {@link #PENALTY} if that is 0. */
  long load() {
    return loadFor(score());
  }

  /**
   * The load, with {@code unsampledScore} standing in for the latency term while the endpoint has
   * no sample (go-zero uses 1 there, which makes a brand-new endpoint the fleet's favourite until
   * its first response).
   */
  long load(long unsampledScore) {
    double lag = lag();
    return loadFor(lag != 0 ? scoreOf(lag) : Math.max(1, unsampledScore));
  }

  private long loadFor(long score) {
    long load = score * (inflight() + 1L);
    return load == 0 ? PENALTY : load;
  }

  boolean healthy() {
    return success() > THROTTLE_SUCCESS;
  }

  /** A stream to this endpoint was created (go-zero counts at pick; see EndpointTracer). */
  void onStreamStart() {
    INFLIGHT.getAndAdd(this, 1);
  }

  /**
   * A stream created at {@code start} closed at {@code now}; {@code failed} when its status is one
   * of the codes that count as errors.
   */
  void onStreamEnd(long start, long now, boolean failed) {
    INFLIGHT.getAndAdd(this, -1);
    long previous = (long) LAST.getAndSet(this, now);
    long n = (long) SAMPLES.getAndAdd(this, 1L) + 1;
    double decay =
        previous == NEVER ? 0 : Math.exp(-(double) Math.max(0, now - previous) / DECAY_NANOS);
    double w = Math.min(decay, (double) (n - 1) / n);
    long latency = Math.max(0, now - start);
    LAST_SAMPLE.setRelease(this, latency);
    double sample = latency;
    double used = updateLag(w, sample);
    updateSuccess(used, failed ? 0 : INIT_SUCCESS);
  }

  private double updateLag(double w, double sample) {
    while (true) {
      long bits = (long) LAG_BITS.getVolatile(this);
      double old = Double.longBitsToDouble(bits);
      double weight = old == 0 ? 0 : w;
      double next = old * weight + sample * (1 - weight);
      if (LAG_BITS.compareAndSet(this, bits, Double.doubleToRawLongBits(next))) {
        return weight;
      }
    }
  }

  private void updateSuccess(double w, double sample) {
    while (true) {
      long bits = (long) SUCCESS_BITS.getVolatile(this);
      double old = Double.longBitsToDouble(bits);
      if (old == sample) {
        return; // old * w + old * (1 - w) == old: no write (all-good endpoints: every call)
      }
      double next = old * w + sample * (1 - w);
      if (SUCCESS_BITS.compareAndSet(this, bits, Double.doubleToRawLongBits(next))) {
        return;
      }
    }
  }

  /** Claims a force-pick if this endpoint has not been picked for over a second (CAS). */
  boolean tryForcePick(long now) {
    long last = pick;
    return now - last > FORCE_PICK_NANOS && PICK.compareAndSet(this, last, now);
  }

  /**
   * Records a normal pick. A release store, not a volatile one: the stamp only steers the next
   * force-pick, which claims it with a CAS, so no pick needs to wait for the store to be visible.
   */
  void markPicked(long now) {
    PICK.setRelease(this, now);
  }

  /**
   * The endpoint (re)entered READY: its slow-start ramp restarts and its success EWMA goes back to
   * {@value #INIT_SUCCESS} (failures of the previous connection say nothing about the new one). The
   * lag EWMA is kept.
   */
  void markReady(long now) {
    readySince = now;
    SUCCESS_BITS.setVolatile(this, INIT_SUCCESS_BITS);
  }

  /**
   * Share of its won comparisons the endpoint keeps: from {@value #SLOW_START_MIN_RAMP} just after
   * {@link #markReady} up to 1 at the end of the slow-start window (and 1 if never marked).
   */
  double ramp(long now) {
    long since = readySince;
    if (since == NEVER) {
      return 1;
    }
    long elapsed = now - since;
    if (elapsed >= SLOW_START_NANOS) {
      return 1;
    }
    double linear = (double) Math.max(0, elapsed) / SLOW_START_NANOS;
    return Math.max(SLOW_START_MIN_RAMP, linear);
  }

  /**
   * Returns the number of streams started since the previous call (streams started = samples +
   * inflight), and resets it. Called once a minute by the stats line and by tests, never
   * concurrently with itself. A completion between its inflight and sample updates may be missed by
   * one reading and then counted by the next; a reading never goes below the previous one.
   */
  long takeRequests() {
    long started = (long) SAMPLES.getVolatile(this) + inflight();
    long base = requestsBase;
    if (started <= base) {
      return 0;
    }
    requestsBase = started;
    return started - base;
  }

  @Override
  public String toString() {
    return "conn: " + address + ", load: " + load() + ", inflight: " + inflight();
  }
}
