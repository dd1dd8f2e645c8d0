package io.github.zero4j.rpc.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.zero4j.core.timex.FakeTicker;
import io.grpc.ClientStreamTracer;
import io.grpc.LoadBalancer.FixedResultPicker;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class P2cPickerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long US = TimeUnit.MICROSECONDS.toNanos(1);

  private final FakeTicker ticker = new FakeTicker();

  /** An endpoint with one {@code lag} ns sample (none if 0), counted as picked just now. */
  private EndpointStats stats(String name, long lag) {
    EndpointStats stats = new EndpointStats(name, ticker.read());
    if (lag > 0) {
      long now = ticker.read();
      stats.onStreamStart();
      stats.onStreamEnd(now - lag, now, false);
      stats.takeRequests();
    }
    stats.markPicked(ticker.read());
    return stats;
  }

  private EndpointStats failed(String name, long lag) {
    EndpointStats stats = new EndpointStats(name, ticker.read());
    long now = ticker.read();
    stats.onStreamStart();
    stats.onStreamEnd(now - lag, now, true);
    stats.markPicked(now);
    return stats;
  }

  private P2cPicker picker(P2cContext context, List<EndpointStats> all) {
    List<P2cPicker.Endpoint> endpoints = new ArrayList<>();
    for (EndpointStats stats : all) {
      SubchannelPicker child =
          new FixedResultPicker(PickResult.withSubchannel(new FakeSubchannel(stats.address())));
      endpoints.add(
          new P2cPicker.Endpoint(stats, child, new EndpointTracerFactory(stats, context)));
    }
    P2cPicker picker = new P2cPicker(endpoints, context);
    context.current(picker);
    return picker;
  }

  private P2cPicker picker(Draws draws, EndpointStats... all) {
    return picker(new P2cContext(ticker, draws), List.of(all));
  }

  private String select(P2cPicker picker) {
    return picker.select(ticker.read()).stats.address();
  }

  @Test
  void oneEndpoint_alwaysChosen() {
    P2cPicker picker = picker(new ScriptedDraws(), stats("a", 50 * MS));
    for (int i = 0; i < 10; i++) {
      assertThat(select(picker)).isEqualTo("a");
    }
  }

  @Test
  void twoEndpoints_lowerLoadWins_inflightCounts() {
    EndpointStats a = stats("a", MS); // score 1000
    EndpointStats b = stats("b", 2 * MS); // score 1414
    P2cPicker picker = picker(new ScriptedDraws(), a, b);
    assertThat(select(picker)).isEqualTo("a");
    a.onStreamStart(); // a: 1000 * 2 = 2000 > 1414
    assertThat(select(picker)).isEqualTo("b");
    b.onStreamStart(); // b: 2828
    assertThat(select(picker)).isEqualTo("a");
  }

  @Test
  void forcePick_worseEndpointOnceASecond() {
    P2cPicker picker = picker(new ScriptedDraws(), stats("a", MS), stats("b", 2 * MS));
    assertThat(select(picker)).isEqualTo("a");
    ticker.advance(Duration.ofSeconds(1));
    assertThat(select(picker)).as("exactly 1 s is not over 1 s").isEqualTo("a");
    ticker.advanceNanos(1);
    assertThat(select(picker)).isEqualTo("b");
    assertThat(select(picker)).isEqualTo("a");
    ticker.advance(Duration.ofMillis(999));
    assertThat(select(picker)).isEqualTo("a");
    ticker.advance(Duration.ofMillis(2));
    assertThat(select(picker)).isEqualTo("b");
  }

  @Test
  void newEndpoint_neverPicked_isForcePickedFirst() {
    EndpointStats fresh = new EndpointStats("b", ticker.read());
    P2cPicker picker = picker(new ScriptedDraws(), stats("a", MS), fresh);
    assertThat(select(picker)).as("go-zero's pick stamp starts at 0").isEqualTo("b");
  }

  @Test
  void threeEndpoints_drawsAgainUntilBothHealthy() {
    ScriptedDraws draws = new ScriptedDraws().ints(2, 0, 1, 0); // (c, a) then (b, a)
    P2cPicker picker = picker(draws, stats("a", MS), stats("b", 2 * MS), failed("c", MS / 4));
    assertThat(select(picker)).isEqualTo("a");
    assertThat(draws.intsLeft()).isZero();
  }

  @Test
  void threeEndpoints_noHealthyPairInThreeDraws_usesLastPair() {
    // (b, c), (c, a), (a, c): c is unhealthy but has the lower load; health only picks pairs.
    ScriptedDraws draws = new ScriptedDraws().ints(1, 1, 2, 0, 0, 1);
    P2cPicker picker = picker(draws, stats("a", MS), failed("b", MS), failed("c", MS / 4));
    assertThat(select(picker)).isEqualTo("c");
    assertThat(draws.intsLeft()).isZero();
  }

  @Test
  void slowPair_drawsAgain_untilAPairIsNotAllSlow() {
    // fast 1 ms (term 1000), slow 25 ms (term 5000 > 2 x reference 1000)
    ScriptedDraws draws = new ScriptedDraws().ints(2, 2, 0, 2); // (s1, s2) then (f1, s2)
    P2cPicker picker =
        picker(draws, stats("f1", MS), stats("f2", MS), stats("s1", 25 * MS), stats("s2", 25 * MS));
    assertThat(select(picker)).isEqualTo("f1");
    assertThat(draws.intsLeft()).isZero();
  }

  @Test
  void slowPair_extraDrawsAreBounded_lastPairUsed() {
    ScriptedDraws draws = new ScriptedDraws();
    for (int i = 0; i <= P2cPicker.EXTRA_DRAWS; i++) {
      draws.ints(2, 2); // (s1, s2) every time
    }
    P2cPicker picker =
        picker(draws, stats("f1", MS), stats("f2", MS), stats("s1", 25 * MS), stats("s2", 25 * MS));
    assertThat(select(picker)).startsWith("s");
    assertThat(draws.intsLeft()).isZero();
  }

  @Test
  void mixedPair_idleSlowEndpointLosesToABusyFastOne() {
    EndpointStats fast = stats("f", MS); // term 1000
    EndpointStats slow = stats("s", 25 * MS); // term 5000 > 1.5 x 1000
    for (int i = 0; i < 20; i++) {
      fast.onStreamStart(); // go-zero: 1000 * 21 > 5000 * 1, so s
    }
    P2cPicker picker = picker(new ScriptedDraws(), fast, slow);
    assertThat(select(picker)).isEqualTo("f");
  }

  @Test
  void mixedPair_slowEndpointIsStillForcePickedOnceASecond() {
    EndpointStats fast = stats("f", MS);
    P2cPicker picker = picker(new ScriptedDraws(), fast, stats("s", 25 * MS));
    assertThat(select(picker)).isEqualTo("f");
    ticker.advance(Duration.ofSeconds(1));
    fast.markPicked(ticker.read());
    ticker.advanceNanos(1);
    assertThat(select(picker)).isEqualTo("s");
    assertThat(select(picker)).isEqualTo("f");
  }

  @Test
  void slowTest_needsAMillisecondOverTheReference_microsecondJitterIsNotSlow() {
    EndpointStats a = stats("a", 100 * US); // term 316
    EndpointStats b = stats("b", 400 * US); // term 632: twice a's, but only 0.3 ms more
    for (int i = 0; i < 10; i++) {
      a.onStreamStart(); // 316 * 11 > 632: the plain load comparison picks b
    }
    P2cPicker picker = picker(new ScriptedDraws(), a, b);
    assertThat(select(picker)).isEqualTo("b");
  }

  @Test
  void slowEndpointRecovers_probesBringItsShareBack() {
    EndpointStats f1 = stats("f1", MS);
    EndpointStats f2 = stats("f2", MS);
    EndpointStats s = stats("s", 21 * MS);
    P2cPicker picker = picker(seeded(11), f1, f2, s);
    long[] extra = {0, 0, 20 * MS};
    ClosedLoop loop = new ClosedLoop(picker, List.of(f1, f2, s), extra, 8);
    loop.run(Duration.ofSeconds(5));
    Map<String, Integer> slowPhase = loop.run(Duration.ofSeconds(10));
    assertThat(share(slowPhase, "s")).as(slowPhase.toString()).isLessThan(0.01);
    assertThat(slowPhase.get("s")).as("force-picked about once a second").isBetween(5, 15);

    extra[2] = 0; // s recovers: its probes pull its EWMA down, then it wins pairs again
    loop.run(Duration.ofSeconds(40));
    Map<String, Integer> recovered = loop.run(Duration.ofSeconds(10));
    assertThat(share(recovered, "s")).as(recovered.toString()).isGreaterThan(0.25);
  }

  @Test
  void stallOnAHealthyEndpoint_firstFastProbeEndsItsSidelining() {
    EndpointStats f1 = stats("f1", MS);
    EndpointStats f2 = stats("f2", MS);
    EndpointStats f3 = stats("f3", MS);
    P2cPicker picker = picker(seeded(5), f1, f2, f3);
    long[] extra = {0, 0, 20 * MS};
    ClosedLoop loop = new ClosedLoop(picker, List.of(f1, f2, f3), extra, 8);
    Map<String, Integer> stall = loop.run(Duration.ofSeconds(2)); // f3 stalls early, then is fine
    assertThat(share(stall, "f3")).as(stall.toString()).isLessThan(0.05);
    extra[2] = 0;
    // Its EWMA alone would keep it sidelined for ~20 s (20 ms down to the 2.25 ms threshold at
    // tau = 10 s); its first fast probe lets it compete by load again, and its fast samples then
    // pull the EWMA down.
    Map<String, Integer> after = loop.run(Duration.ofSeconds(5));
    assertThat(share(after, "f3")).as(after.toString()).isGreaterThan(0.2);
  }

  private static double share(Map<String, Integer> counts, String name) {
    double total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return counts.getOrDefault(name, 0) / total;
  }

  /**
   * A discrete-event closed loop on the fake ticker: each caller sends its next call when the last
   * one completes; a call to endpoint i takes 1 ms plus {@code extra[i]}.
   */
  private final class ClosedLoop {
    private final P2cPicker picker;
    private final List<EndpointStats> all;
    private final long[] extra;
    private final PriorityQueue<long[]> calls =
        new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));

    ClosedLoop(P2cPicker picker, List<EndpointStats> all, long[] extra, int callers) {
      this.picker = picker;
      this.all = all;
      this.extra = extra;
      for (int i = 0; i < callers; i++) {
        send(new HashMap<>());
      }
    }

    /** Runs for {@code time} of ticker time; returns the calls sent per endpoint. */
    Map<String, Integer> run(Duration time) {
      Map<String, Integer> counts = new HashMap<>();
      long end = ticker.read() + time.toNanos();
      while (calls.peek()[0] <= end) {
        long[] call = calls.poll();
        ticker.advanceNanos(call[0] - ticker.read());
        all.get((int) call[1]).onStreamEnd(call[2], call[0], false);
        send(counts);
      }
      return counts;
    }

    private void send(Map<String, Integer> counts) {
      EndpointStats chosen = picker.select(ticker.read()).stats;
      int index = all.indexOf(chosen);
      chosen.onStreamStart();
      counts.merge(chosen.address(), 1, Integer::sum);
      long now = ticker.read();
      calls.add(new long[] {now + MS + extra[index], index, now});
    }
  }

  @Test
  void slowReference_isLowerQuartile_oneOutlierDoesNotMakeTheFleetSlow() {
    // x is 25x faster than the rest; with the minimum as reference every other pair would be slow.
    ScriptedDraws draws = new ScriptedDraws().ints(1, 1); // (b, c): no extra draw
    P2cPicker picker =
        picker(draws, stats("x", 40 * US), stats("b", MS), stats("c", MS), stats("d", MS));
    assertThat(select(picker)).isEqualTo("b");
    assertThat(draws.intsLeft()).isZero();
  }

  @Test
  void unsampledEndpoint_competesWithTheFleetMedian_notAsFavourite() {
    // go-zero: c's load is inflight + 1 = 1 and c wins. Here c counts the median term 1000.
    ScriptedDraws draws = new ScriptedDraws().ints(0, 1); // (a, c)
    P2cPicker picker = picker(draws, stats("a", 810 * US), stats("b", MS), stats("c", 0)); // a: 900
    assertThat(select(picker)).isEqualTo("a");
  }

  @Test
  void slowStart_newEndpointKeepsARampedShareOfItsWins() {
    EndpointStats a = stats("a", MS);
    EndpointStats b = stats("b", MS / 2); // faster: wins every comparison
    b.markReady(ticker.read()); // ramp 0.1
    ScriptedDraws draws = new ScriptedDraws().doubles(0.5, 0.05);
    P2cPicker picker = picker(draws, a, b);
    assertThat(select(picker)).as("0.5 >= 0.1: deflected").isEqualTo("a");
    assertThat(select(picker)).as("0.05 < 0.1: kept").isEqualTo("b");
    ticker.advanceNanos(EndpointStats.SLOW_START_NANOS);
    a.markPicked(ticker.read());
    assertThat(select(picker)).as("ramp over: no draw").isEqualTo("b");
  }

  @Test
  void slowStart_shareStartsNearTenPercent() {
    EndpointStats a = stats("a", MS);
    EndpointStats b = stats("b", MS / 2);
    b.markReady(ticker.read());
    P2cPicker picker = picker(seeded(7), a, b);
    int toB = 0;
    for (int i = 0; i < 10_000; i++) {
      if (select(picker).equals("b")) {
        toB++;
      }
    }
    assertThat(toB).isBetween(800, 1200);
  }

  @Test
  void slowStart_endpointsReadyTogether_areNotDeflected() {
    EndpointStats a = stats("a", MS);
    EndpointStats b = stats("b", MS / 2);
    a.markReady(ticker.read());
    b.markReady(ticker.read());
    P2cPicker picker = picker(new ScriptedDraws(), a, b); // a draw would fail the test
    assertThat(select(picker)).isEqualTo("b");
  }

  @Test
  void pick_attachesTracer_streamFeedsTheStats() {
    EndpointStats a = stats("a", MS);
    P2cPicker picker = picker(new ScriptedDraws(), a);
    PickResult result = picker.pickSubchannel(Picks.ARGS);
    assertThat(((FakeSubchannel) result.getSubchannel()).name).isEqualTo("a");
    ClientStreamTracer tracer = Picks.open(result);
    assertThat(a.inflight()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(20));
    Picks.close(tracer, Status.UNAVAILABLE);
    assertThat(a.inflight()).isZero();
    assertThat(a.success()).isLessThan(500);
    assertThat(a.lag()).isGreaterThan(1.7e10);
  }

  @Test
  void pick_sameChildResult_returnsTheSameWrappedInstance() {
    P2cPicker picker = picker(new ScriptedDraws(), stats("a", MS));
    PickResult first = picker.pickSubchannel(Picks.ARGS);
    assertThat(picker.pickSubchannel(Picks.ARGS)).isSameAs(first);
  }

  @Test
  void pick_childWithoutResult_passesThrough() {
    EndpointStats a = stats("a", MS);
    P2cContext context = new P2cContext(ticker, new ScriptedDraws());
    PickResult none = PickResult.withNoResult();
    P2cPicker picker =
        new P2cPicker(
            List.of(
                new P2cPicker.Endpoint(
                    a, new FixedResultPicker(none), new EndpointTracerFactory(a, context))),
            context);
    assertThat(picker.pickSubchannel(Picks.ARGS)).isSameAs(none);
  }

  @Test
  void failureCodes_areGoZeroNotAcceptableList() {
    List<Status.Code> failures = new ArrayList<>();
    for (Status.Code code : Status.Code.values()) {
      if (EndpointTracerFactory.isFailure(code)) {
        failures.add(code);
      }
    }
    assertThat(failures)
        .containsExactlyInAnyOrder(
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.INTERNAL,
            Status.Code.UNAVAILABLE,
            Status.Code.DATA_LOSS,
            Status.Code.UNIMPLEMENTED,
            Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void statsLine_onceAMinute_goZeroFormat_resetsRequests() {
    Logger logger = (Logger) LoggerFactory.getLogger(P2cEwmaLoadBalancerProvider.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      P2cPicker picker =
          picker(new ScriptedDraws(), stats("10.0.0.1:1", 0), stats("10.0.0.2:1", 0));
      ClientStreamTracer tracer = Picks.open(picker.pickSubchannel(Picks.ARGS));
      ticker.advance(Duration.ofSeconds(59));
      Picks.close(tracer, Status.OK);
      assertThat(appender.list).isEmpty();
      tracer = Picks.open(picker.pickSubchannel(Picks.ARGS)); // b: not picked for 59 s
      ticker.advance(Duration.ofSeconds(1));
      Picks.close(tracer, Status.OK);
      assertThat(appender.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly(
              "p2c - conn: 10.0.0.1:1, load: 242899, reqs: 1; conn: 10.0.0.2:1, load: 31622,"
                  + " reqs: 1");
      Picks.close(Picks.open(picker.pickSubchannel(Picks.ARGS)), Status.OK);
      assertThat(appender.list).hasSize(1);
      assertThat(picker.statsLine()).contains("reqs: 1").contains("reqs: 0");
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void equalPickers_sameEndpointsAndChildren() {
    P2cContext context = new P2cContext(ticker, new ScriptedDraws());
    EndpointStats a = stats("a", MS);
    SubchannelPicker child =
        new FixedResultPicker(PickResult.withSubchannel(new FakeSubchannel("a")));
    EndpointTracerFactory tracers = new EndpointTracerFactory(a, context);
    P2cPicker one = new P2cPicker(List.of(new P2cPicker.Endpoint(a, child, tracers)), context);
    P2cPicker two = new P2cPicker(List.of(new P2cPicker.Endpoint(a, child, tracers)), context);
    SubchannelPicker otherChild =
        new FixedResultPicker(PickResult.withSubchannel(new FakeSubchannel("a")));
    P2cPicker three =
        new P2cPicker(List.of(new P2cPicker.Endpoint(a, otherChild, tracers)), context);
    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(three);
  }

  /**
   * go-zero's p2c_test.go: 10 000 picks, every 100th DeadlineExceeded, completions done
   * asynchronously on four threads racing on the same endpoints. The picks come in rounds of 100
   * and a round's completions all run, concurrently, before the next round is picked: the fake
   * clock stands still while they run, so a call's latency is its distance from the round's end
   * (1-100 us) whatever the pool's scheduling. Letting the clock run on under a backlogged pool
   * gave an endpoint whose first completions were late a latency EWMA a hundred times its peer's,
   * and the picker then rightly starved it (entropy 0.2 with two endpoints on a loaded CI host).
   */
  @ParameterizedTest
  @CsvSource({"1, 0.9", "2, 0.5", "100, 0.95"})
  void entropy_tenThousandPicks_asyncDone(int conns, double threshold) throws Exception {
    List<EndpointStats> all = new ArrayList<>();
    for (int i = 0; i < conns; i++) {
      EndpointStats stats = new EndpointStats("conn-" + i, ticker.read());
      stats.markReady(ticker.read());
      all.add(stats);
    }
    P2cPicker picker = picker(new P2cContext(ticker, Draws.threadLocal()), all);
    Map<String, Integer> counts = new HashMap<>();
    ExecutorService done = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 100; round++) {
        List<Callable<Void>> completions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          PickResult result = picker.pickSubchannel(Picks.ARGS);
          counts.merge(((FakeSubchannel) result.getSubchannel()).name, 1, Integer::sum);
          ClientStreamTracer tracer = Picks.open(result);
          Status status = i == 0 ? Status.DEADLINE_EXCEEDED : Status.OK;
          completions.add(
              () -> {
                Picks.close(tracer, status);
                return null;
              });
          ticker.advanceNanos(US);
        }
        for (Future<Void> completion : done.invokeAll(completions)) {
          completion.get(); // rethrows a completion's failure
        }
      }
    } finally {
      done.shutdown();
      assertThat(done.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
    assertThat(entropy(counts, conns)).isGreaterThan(threshold);
    for (EndpointStats stats : all) {
      assertThat(stats.inflight()).isZero();
    }
  }

  /** go-zero's mathx.CalcEntropy, over every endpoint (an endpoint never picked counts as ε). */
  private static double entropy(Map<String, Integer> counts, int conns) {
    if (conns <= 1) {
      return 1;
    }
    double total = counts.values().stream().mapToInt(Integer::intValue).sum();
    double entropy = 0;
    for (int i = 0; i < conns; i++) {
      double p = Math.max(counts.getOrDefault("conn-" + i, 0) / total, 1e-5);
      entropy -= p * Math.log(p) / Math.log(2);
    }
    return entropy / (Math.log(conns) / Math.log(2));
  }

  private static Draws seeded(long seed) {
    Random random = new Random(seed);
    return new Draws() {
      @Override
      public int nextInt(int bound) {
        return random.nextInt(bound);
      }

      @Override
      public double nextDouble() {
        return random.nextDouble();
      }
    };
  }
}
