package io.github.zero4j.rpc.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.zero4j.core.timex.FakeTicker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EndpointStatsTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final FakeTicker ticker = new FakeTicker();
  private final EndpointStats stats = new EndpointStats("10.0.0.1:8080", ticker.read());

  /** One call of {@code latency} ns ending now + latency, advancing the ticker. */
  private void call(long latency, boolean failed) {
    long start = ticker.read();
    stats.onStreamStart();
    ticker.advanceNanos(latency);
    stats.onStreamEnd(start, ticker.read(), failed);
  }

  @Test
  void load_freshEndpoint_isInflightPlusOne() {
    assertThat(stats.sampled()).isFalse();
    assertThat(stats.load()).isEqualTo(1);
    stats.onStreamStart();
    stats.onStreamStart();
    assertThat(stats.load()).isEqualTo(3);
  }

  @Test
  void load_isFloorOfSqrtLagPlusOne_timesInflightPlusOne() {
    call(MS, false); // lag 1 ms = 1e6 ns -> floor(sqrt(1e6 + 1)) = 1000
    assertThat(stats.lag()).isEqualTo(1e6);
    assertThat(stats.score()).isEqualTo(1000);
    assertThat(stats.load()).isEqualTo(1000);
    stats.onStreamStart();
    stats.onStreamStart();
    assertThat(stats.load()).isEqualTo(3000);
  }

  @Test
  void score_roundsDownLikeGoZero() {
    call(999_998, false); // sqrt(999_999) = 999.9995 -> 999
    assertThat(stats.score()).isEqualTo(999);
    EndpointStats other = new EndpointStats("b", ticker.read());
    long start = ticker.read();
    other.onStreamStart();
    other.onStreamEnd(start, start + 100 * MS, false); // 1e8 -> 10 000
    assertThat(other.score()).isEqualTo(10_000);
  }

  @Test
  void firstSample_replacesLagAndSuccess() {
    call(7 * MS, true);
    assertThat(stats.lag()).isEqualTo(7e6);
    assertThat(stats.success()).isZero();
    assertThat(stats.healthy()).isFalse();
  }

  @Test
  void ewma_decaysByElapsedTime_tenSecondTimeConstant() {
    call(MS, false);
    ticker.advance(java.time.Duration.ofSeconds(10).minusNanos(3 * MS));
    call(3 * MS, false); // td = 10 s exactly -> w = 1/e
    double w = Math.exp(-1);
    assertThat(stats.lag()).isCloseTo(1e6 * w + 3e6 * (1 - w), within(1e-3));
  }

  @Test
  void ewma_firstSamplesAreAveraged_notDominatedByTheFirst() {
    call(40 * MS, false); // a cold first call
    call(MS, false);
    call(MS, false);
    call(MS, false); // go-zero: ~39.99 ms (each later sample weighs ~1e-4)
    assertThat(stats.lag()).isCloseTo(43e6 / 4, within(1e-3));
  }

  @Test
  void ewma_afterWarmUp_sampleWeightDependsOnTimeNotOnCount() {
    for (int i = 0; i < 20_000; i++) {
      call(MS, false); // 1 sample/ms: time weight 1e-4 > 1/n once n > 10 000
    }
    assertThat(stats.lag()).isCloseTo(1e6, within(1e-3));
    call(11 * MS, false); // td = 11 ms since the previous completion
    double w = Math.exp(-11.0 / 10_000);
    assertThat(stats.lag()).isCloseTo(1e6 * w + 11e6 * (1 - w), within(1e-3));
  }

  @Test
  void success_sameWeightAsLag_errorsCountZero() {
    call(MS, false);
    call(3 * MS, true); // second sample: weight 1/2 (1 - w = 3e-4 by time)
    assertThat(stats.lag()).isCloseTo(2e6, within(1e-3));
    assertThat(stats.success()).isEqualTo(500);
    assertThat(stats.healthy()).as("strictly above 500").isFalse();
    call(MS, false); // third: weight 1/3
    assertThat(stats.success()).isCloseTo(2000.0 / 3, within(1e-9));
    assertThat(stats.healthy()).isTrue();
  }

  @Test
  void success_decaysByTime_onceWarm() {
    call(MS, false);
    ticker.advanceNanos((long) (EndpointStats.DECAY_NANOS * -Math.log(0.4)) - MS);
    call(MS, true); // w = min(0.4, 1/2) = 0.4
    assertThat(stats.success()).isCloseTo(400, within(1e-6));
    assertThat(stats.healthy()).isFalse();
  }

  @Test
  void success_steadyOnePercentErrorsAtHighRate_staysHealthy() {
    // go-zero truncates success to an integer on every update: at 1000 completions/s a 1 % error
    // rate ratchets it down by 1 per error and it never climbs back (below 500 after ~50 s).
    for (int i = 1; i <= 60_000; i++) {
      call(MS, i % 100 == 0);
    }
    assertThat(stats.success()).isBetween(985.0, 995.0);
    assertThat(stats.healthy()).isTrue();
  }

  @Test
  void forcePick_afterMoreThanOneSecondWithoutPick_claimedOnce() {
    assertThat(stats.tryForcePick(ticker.read())).as("never picked").isTrue();
    assertThat(stats.tryForcePick(ticker.read())).as("just claimed").isFalse();
    ticker.advance(java.time.Duration.ofSeconds(1));
    assertThat(stats.tryForcePick(ticker.read())).as("exactly 1 s").isFalse();
    ticker.advanceNanos(1);
    assertThat(stats.tryForcePick(ticker.read())).isTrue();
    ticker.advance(java.time.Duration.ofSeconds(2));
    stats.markPicked(ticker.read());
    assertThat(stats.tryForcePick(ticker.read())).as("picked normally just now").isFalse();
  }

  @Test
  void forcePick_manyThreadsAtOnce_oneWins() throws Exception {
    ticker.advance(java.time.Duration.ofSeconds(5));
    int threads = 8;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    AtomicInteger wins = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] futures = new Future<?>[threads];
      for (int i = 0; i < threads; i++) {
        futures[i] =
            pool.submit(
                () -> {
                  barrier.await();
                  if (stats.tryForcePick(ticker.read())) {
                    wins.incrementAndGet();
                  }
                  return null;
                });
      }
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wins).hasValue(1);
  }

  @Test
  void ramp_risesLinearlyFromTenPercentOverTheSlowStartWindow() {
    assertThat(stats.ramp(ticker.read())).as("never marked ready").isEqualTo(1);
    stats.markReady(ticker.read());
    assertThat(stats.ramp(ticker.read())).isEqualTo(0.1);
    ticker.advanceNanos(EndpointStats.SLOW_START_NANOS / 2);
    assertThat(stats.ramp(ticker.read())).isCloseTo(0.5, within(1e-9));
    ticker.advanceNanos(EndpointStats.SLOW_START_NANOS / 2);
    assertThat(stats.ramp(ticker.read())).isEqualTo(1);
  }

  @Test
  void markReady_resetsSuccess_keepsLag() {
    call(4 * MS, true);
    assertThat(stats.healthy()).isFalse();
    stats.markReady(ticker.read());
    assertThat(stats.success()).isEqualTo(EndpointStats.INIT_SUCCESS);
    assertThat(stats.lag()).isEqualTo(4e6);
  }

  @Test
  void takeRequests_countsStreamsAndResets() {
    call(MS, false);
    call(MS, false);
    stats.onStreamStart();
    assertThat(stats.takeRequests()).isEqualTo(3);
    assertThat(stats.takeRequests()).isZero();
  }

  @Test
  void concurrentCalls_noLostUpdates() throws Exception {
    int threads = 8;
    int perThread = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] futures = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        futures[t] =
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    long begin = ticker.read();
                    stats.onStreamStart();
                    ticker.advanceNanos(MS);
                    stats.onStreamEnd(begin, begin + 2 * MS, false);
                  }
                  return null;
                });
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(stats.inflight()).isZero();
    assertThat(stats.takeRequests()).isEqualTo((long) threads * perThread);
    assertThat(stats.lag()).isCloseTo(2e6, within(1.0));
    assertThat(stats.success()).isCloseTo(1000, within(1e-6));
  }
}
