package io.github.zero4j.rpc.balancer;

import io.grpc.ClientStreamTracer;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.SubchannelPicker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/*
 * The p2c_ewma picker over the READY endpoints of one balancer. Lock-free: go-zero takes a
 * picker-wide mutex around every pick; here a pick reads the ticker once, reads a few volatile
 * fields of the endpoints it draws and may CAS one of them (force-pick), so concurrent picks
 * never wait for each other. Endpoint state lives in EndpointStats, which outlives the picker:
 * a rebuild (an endpoint joins, leaves or changes connectivity) keeps what was learned about the
 * endpoints that stay, where go-zero starts every endpoint from zero.
 *
 * Pick, go-zero's algorithm [1]:
 *   1 endpoint  -> it.
 *   2 endpoints -> choose(e0, e1).
 *   n >= 3      -> up to 3 draws of two distinct uniform indices (a in [0, n), b in [0, n-1),
 *                  b++ if b >= a), stopping at the first pair whose endpoints are both healthy;
 *                  else the last pair. Then choose(a, b).
 *   choose(c1, c2): order so that c1 has the lower load; if c2 has not been picked for over 1 s
 *   and a CAS on its pick stamp succeeds, c2 (force-pick: the worse endpoint is probed once a
 *   second); else c1. Here choose first applies (d) below.
 *
 * Beyond go-zero:
 *  (a) Re-draw on a bad pair. With best-of-2, when half the fleet is slow a slow/slow pair is drawn
 *      1/6 of the time with 4 endpoints (about 1/4 with many), and go-zero then sends the call to
 *      a slow endpoint whatever the rest of the fleet looks like: a sampling floor that puts
 *      1/6-1/4 of the calls on the slow half (brpc #3340 measured it). Here, when both endpoints
 *      of the chosen pair are bad, up to EXTRA_DRAWS more pairs are drawn, stopping at the first
 *      pair that is not all bad (else the last one is used); with half the fleet slow the floor
 *      falls to (1/6)^4 ~ 0.08 % (4 endpoints) and at most (1/4)^4 ~ 0.4 %, under the 1 % that
 *      the p99 can hide. Bad means unhealthy, or a latency term (floor(sqrt(lag))) more than
 *      SLOW_SCORE_RATIO = 1.5 times the fleet's reference term, i.e. a latency EWMA over 2.25
 *      times the reference's. The test is on latency, not on load: P2C keeps equalising the loads it
 *      compares, so a slow endpoint's load only looks bad once enough calls pile up on it, which
 *      is the very traffic the re-draw is meant to spare it; in a mixed pair the usual load
 *      comparison still sends calls to a slow endpoint whenever the fast one is busier. The
 *      reference is the lower quartile (not the minimum) of the latency terms of the healthy
 *      sampled endpoints, so neither one exceptionally fast endpoint nor one that fails fast makes
 *      the whole fleet look slow (with 3 endpoints the middle one: count / 4 would be the minimum,
 *      and one lucky endpoint made its fast peer "slow" in P2cEwmaBalancerIT). Slow also needs the lag to exceed the reference's by
 *      SLOW_MIN_GAP_NANOS (1 ms): the ratio alone is scale-free, and at microsecond latencies
 *      scheduling jitter is a 2.25x slowdown.
 *  (d) A mixed pair goes to the fast endpoint. go-zero's load floor(sqrt(lag + 1)) * (inflight + 1)
 *      trades latency against queue length through a square root, which compresses a 40x latency
 *      gap to about 6x; with 32 callers on two fast endpoints each has ~16 calls in flight, so an
 *      idle +20 ms endpoint wins every comparison with a fast one until it holds ~3 calls, and took
 *      3.3 % of the calls in the one-slow harness (p99 = the slow latency). Expected completion
 *      time lag * (inflight + 1) (no square root) would not fix it: the fast lags, measured under
 *      that load, are 1-4 ms, so 16 calls in flight still make 16-64 ms against 21 ms, and in a
 *      closed loop the fast queues are the callers themselves and never drain. So when exactly one of the
 *      pair is slow (the test in (a)), the call goes to the other one, unless the slow one is due
 *      its 1 s force-pick: it still gets one probe a second. Slow here means the latency EWMA is
 *      over the threshold and the latest sample (the call that completed last) is not back near
 *      the fleet (under the reference's lag + SLOW_MIN_GAP_NANOS, a band below the threshold), so
 *      the first probe that comes back fast lets the endpoint compete by load again, its EWMA
 *      still weighing against it. The EWMA alone would keep it sidelined for tau * ln(lag / threshold)
 *      (20 s from 20 ms down to 2.25 ms): a time-decayed EWMA forgets at the same rate whatever
 *      the call rate, so probes once a second do not make it forget faster. That matters for a
 *      healthy endpoint whose first samples (averaged, see EndpointStats) caught a stall, a GC
 *      pause or a starved client: with the EWMA alone it lost its traffic for tens of seconds. A
 *      backend that stays slow answers every probe slowly and stays sidelined. Both slow or both
 *      fast: go-zero's load comparison as is, so healthy fleets spread exactly as before.
 *      Health is not part of this rule (it steers the pair draws, as in go-zero): the success
 *      EWMA starts from a single sample, so one failed first call would sideline an endpoint to
 *      one probe a second; go-zero's own entropy vector (every 100th call fails, the first one
 *      included) fails that way.
 *  (b) Unknown latency. An endpoint with no sample yet competes with the fleet's median latency
 *      term instead of go-zero's 1 (which makes a new endpoint the favourite of every pair until
 *      its first response returns, so it takes every call in that window).
 *  (c) Slow start. For EndpointStats.SLOW_START_NANOS after an endpoint becomes READY, a
 *      comparison it wins is kept with probability ramp(winner) / ramp(loser) (the ramp rises
 *      linearly from 10 % to 100 %); otherwise the call goes to the loser. Endpoints that became
 *      READY together (a new channel) ramp together and are not deflected.
 * Cost: the slow test is one volatile read and a compare against a lag threshold precomputed in
 * the fleet snapshot (no square root), plus a second read (the latest sample) only when the EWMA
 * is over it; it runs once per drawn endpoint.
 * The fleet reference and median are recomputed at most every FLEET_SCAN_NANOS by the one caller
 * that wins a CAS on the due time (n reads and a sort of n longs); other callers use the last
 * snapshot.
 *
 * [1] github.com/zeromicro/go-zero zrpc/internal/balancer/p2c/p2c.go
 */

/** Picks among READY endpoints; immutable endpoint list, lock-free, thread-safe. */
final class P2cPicker extends SubchannelPicker {
  /** Draws for a pair whose endpoints are both healthy (go-zero's pickTimes). */
  static final int PICK_TIMES = 3;

  /** Further pairs drawn when the chosen pair is all bad (not in go-zero; see (a) above). */
  static final int EXTRA_DRAWS = 3;

  /**
   * A latency term above this multiple of the fleet reference is "slow": 1.5 on the square-root
   * term is 2.25 times the latency. The 10 s EWMAs of healthy endpoints sit well within that of
   * each other, while queueing in the client, which every endpoint's samples share, compresses a
   * real slowdown's ratio: on a busy 2-core client a +20 ms endpoint measured only 4-6 times its
   * 4-6 ms peers (a term ratio of 2.0-2.5).
   */
  static final double SLOW_SCORE_RATIO = 1.5;

  /**
   * The least excess over the reference's lag that can make an endpoint slow. The ratio test alone
   * is scale-free: at microsecond latencies a scheduler hiccup is a 2.25x slowdown, and a slow
   * endpoint is sidelined to one probe a second (see (d)), so jitter would cut the fleet. 1 ms: a
   * smaller excess is within a loaded client's own scheduling noise (Linux CFS slices are 0.75-6
   * ms), and sending a call there costs it less than any latency objective can see.
   */
  static final long SLOW_MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * How stale the fleet reference may be: 1 % of the EWMA time constant, over which no endpoint's
   * lag moves by more than about 1 %.
   */
  static final long FLEET_SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final VarHandle SCAN_DUE;

  static {
    try {
      SCAN_DUE = MethodHandles.lookup().findVarHandle(P2cPicker.class, "scanDue", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Endpoint[] endpoints;
  private final P2cContext context;
  private final int hash;
  private volatile Fleet fleet;

  @SuppressWarnings("unused") // accessed through SCAN_DUE
  private volatile long scanDue;

  P2cPicker(List<Endpoint> endpoints, P2cContext context) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: [] (expected: at least one READY endpoint)");
    }
    this.endpoints = endpoints.toArray(new Endpoint[0]);
    this.context = context;
    int h = 0;
    for (Endpoint endpoint : this.endpoints) {
      h += System.identityHashCode(endpoint.stats) * 31 + System.identityHashCode(endpoint.child);
    }
    this.hash = h;
    this.fleet = scan();
    this.scanDue = context.ticker().read() + FLEET_SCAN_NANOS;
  }

  @Override
  public PickResult pickSubchannel(PickSubchannelArgs args) {
    Endpoint chosen = select(context.ticker().read());
    return chosen.wrap(chosen.child.pickSubchannel(args));
  }

  /** The endpoint for a call picked at {@code now}. */
  Endpoint select(long now) {
    Endpoint[] all = endpoints;
    int n = all.length;
    if (n == 1) {
      all[0].stats.markPicked(now);
      return all[0];
    }
    Fleet fleet = fleet(now);
    if (n == 2) {
      return choose(all[0], fleet.slow(all[0]), all[1], fleet.slow(all[1]), now, fleet);
    }
    Draws draws = context.draws();
    long pair = draw(n, draws);
    for (int i = 1;
        i < PICK_TIMES && !(first(all, pair).healthy() && second(all, pair).healthy());
        i++) {
      pair = draw(n, draws);
    }
    Endpoint e1 = first(all, pair);
    Endpoint e2 = second(all, pair);
    boolean slow1 = fleet.slow(e1);
    boolean slow2 = fleet.slow(e2);
    for (int i = 0; i < EXTRA_DRAWS && (slow1 || !e1.healthy()) && (slow2 || !e2.healthy()); i++) {
      pair = draw(n, draws);
      e1 = first(all, pair);
      e2 = second(all, pair);
      slow1 = fleet.slow(e1);
      slow2 = fleet.slow(e2);
    }
    return choose(e1, slow1, e2, slow2, now, fleet);
  }

  /** Two distinct uniform indices in [0, n), packed as (a << 32) | b (no allocation per pick). */
  private static long draw(int n, Draws draws) {
    int a = draws.nextInt(n);
    int b = draws.nextInt(n - 1);
    if (b >= a) {
      b++;
    }
    return ((long) a << 32) | b;
  }

  private static Endpoint first(Endpoint[] all, long pair) {
    return all[(int) (pair >>> 32)];
  }

  private static Endpoint second(Endpoint[] all, long pair) {
    return all[(int) pair];
  }

  private Endpoint choose(
      Endpoint c1, boolean slow1, Endpoint c2, boolean slow2, long now, Fleet fleet) {
    if (slow1 != slow2) {
      Endpoint fast = slow1 ? c2 : c1;
      Endpoint slow = slow1 ? c1 : c2;
      if (slow.stats.tryForcePick(now)) {
        return slow;
      }
      fast.stats.markPicked(now);
      return fast;
    }
    long median = fleet.median;
    if (c1.stats.load(median) > c2.stats.load(median)) {
      Endpoint swap = c1;
      c1 = c2;
      c2 = swap;
    }
    if (c2.stats.tryForcePick(now)) {
      return c2;
    }
    double keep = c1.stats.ramp(now);
    if (keep < 1) {
      double other = c2.stats.ramp(now);
      if (keep < other && context.draws().nextDouble() * other >= keep) {
        c2.stats.markPicked(now);
        return c2;
      }
    }
    c1.stats.markPicked(now);
    return c1;
  }

  private Fleet fleet(long now) {
    long due = scanDue;
    if (now - due >= 0 && SCAN_DUE.compareAndSet(this, due, now + FLEET_SCAN_NANOS)) {
      fleet = scan();
    }
    return fleet;
  }

  private Fleet scan() {
    long[] scores = new long[endpoints.length];
    int count = 0;
    for (Endpoint endpoint : endpoints) {
      long score = endpoint.stats.sampledScore();
      if (score > 0 && endpoint.stats.healthy()) {
        scores[count++] = score;
      }
    }
    if (count == 0) {
      return Fleet.UNKNOWN;
    }
    Arrays.sort(scores, 0, count);
    // The lower quartile; with 3 endpoints count / 4 would be the minimum, so the middle one.
    int quartile = count == 3 ? 1 : count / 4;
    return new Fleet(scores[quartile], scores[count / 2]);
  }

  /** The endpoints' stats, in picker order. */
  List<EndpointStats> endpointStats() {
    List<EndpointStats> stats = new ArrayList<>(endpoints.length);
    for (Endpoint endpoint : endpoints) {
      stats.add(endpoint.stats);
    }
    return stats;
  }

  /** go-zero's stat line body, {@code p2c - conn: a, load: n, reqs: n; ...}; resets reqs. */
  String statsLine() {
    long median = fleet.median;
    StringJoiner line = new StringJoiner("; ", "p2c - ", "");
    for (Endpoint endpoint : endpoints) {
      EndpointStats stats = endpoint.stats;
      line.add(
          "conn: "
              + stats.address()
              + ", load: "
              + stats.load(median)
              + ", reqs: "
              + stats.takeRequests());
    }
    return line.toString();
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof P2cPicker)) {
      return false;
    }
    P2cPicker other = (P2cPicker) o;
    if (other.hash != hash
        || other.context != context
        || other.endpoints.length != endpoints.length) {
      return false;
    }
    for (int i = 0; i < endpoints.length; i++) {
      if (other.endpoints[i].stats != endpoints[i].stats
          || other.endpoints[i].child != endpoints[i].child) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "P2cPicker" + Arrays.toString(endpoints);
  }

  /** The latency terms the re-draw and unknown-latency rules compare against. */
  private static final class Fleet {
    static final Fleet UNKNOWN = new Fleet(0, 0);

    /** Lower quartile of the healthy sampled endpoints' latency terms; 0: none. */
    final long reference;

    /** Median of the healthy sampled endpoints' latency terms; 0: none. */
    final long median;

    /**
     * The lag from which an endpoint is slow: its term then exceeds SLOW_SCORE_RATIO times the
     * reference (term >= k with k the least integer above it, i.e. lag >= k * k - 1, exactly, so no
     * square root per test) and its lag exceeds the reference's by SLOW_MIN_GAP_NANOS.
     */
    final double slowLag;

    /**
     * A slow endpoint's latest sample under this is a recovery: the reference's lag plus {@link
     * #SLOW_MIN_GAP_NANOS}, at most {@link #slowLag}. Lower than the slow threshold on purpose (a
     * hysteresis band): when the whole client is loaded the fleet's lag nears the slow backend's,
     * single slow samples scatter around the slow threshold, and a sample just under it would hand
     * the backend calls again; a recovered endpoint answers an idle probe at about the fleet's
     * latency.
     */
    final double recoveredLag;

    Fleet(long reference, long median) {
      this.reference = reference;
      this.median = median;
      if (reference == 0) {
        this.slowLag = Double.POSITIVE_INFINITY;
        this.recoveredLag = Double.POSITIVE_INFINITY;
      } else {
        double k = Math.floor(SLOW_SCORE_RATIO * reference) + 1;
        double gap = (double) reference * reference + SLOW_MIN_GAP_NANOS;
        this.slowLag = Math.max(k * k - 1, gap);
        this.recoveredLag = gap;
      }
    }

    /**
     * Whether the endpoint is slow: its latency EWMA is at or above {@link #slowLag} and its latest
     * sample at or above {@link #recoveredLag} (false while it has no sample). The latest sample
     * lets an endpoint whose EWMA still carries a past stall compete again as soon as one call
     * comes back fast (see (d)).
     */
    boolean slow(Endpoint endpoint) {
      EndpointStats stats = endpoint.stats;
      return stats.lag() >= slowLag && stats.lastSample() >= recoveredLag;
    }
  }

  /** One READY endpoint: its stats and its pick_first child's picker. */
  static final class Endpoint {
    final EndpointStats stats;
    final SubchannelPicker child;
    private final EndpointTracerFactory tracers;
    private volatile @Nullable Wrapped wrapped;

    Endpoint(EndpointStats stats, SubchannelPicker child, EndpointTracerFactory tracers) {
      this.stats = stats;
      this.child = child;
      this.tracers = tracers;
    }

    boolean healthy() {
      return stats.healthy();
    }

    /**
     * The child's result with this endpoint's tracer factory attached. pick_first returns the same
     * PickResult instance while READY, so the wrapped copy is cached and a pick allocates nothing;
     * errors and no-result picks pass through untouched.
     */
    PickResult wrap(PickResult result) {
      if (result.getSubchannel() == null || !result.getStatus().isOk()) {
        return result;
      }
      Wrapped cached = wrapped;
      if (cached != null && cached.from == result) {
        return cached.to;
      }
      ClientStreamTracer.Factory own = result.getStreamTracerFactory();
      PickResult to =
          result.copyWithStreamTracerFactory(own == null ? tracers : tracers.andThen(own));
      wrapped = new Wrapped(result, to);
      return to;
    }

    @Override
    public String toString() {
      return stats.toString();
    }
  }

  private static final class Wrapped {
    final PickResult from;
    final PickResult to;

    Wrapped(PickResult from, PickResult to) {
      this.from = from;
      this.to = to;
    }
  }
}
