package io.github.zero4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.zero4j.core.collection.RollingWindow;
import io.github.zero4j.core.collection.SumBucket;
import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * go-zero's core/load/adaptiveshedder_test.go vectors and the overload, cool-off and priority
 * rules, on a fake ticker with the CPU value injected.
 */
class AdaptiveShedderTest {
  /**
   * go-zero's vector tests use 10 buckets and set windowScale to 0.01 by hand; 0.01 is the scale of
   * 100 ms buckets, so these tests use a 1 s window of 10 buckets of 100 ms.
   */
  private static final int BUCKETS = 10;

  private static final Duration BUCKET = Duration.ofMillis(100);

  private final FakeTicker ticker = new FakeTicker();
  private final AtomicInteger cpu = new AtomicInteger();

  private AdaptiveShedder shedder() {
    return AdaptiveShedder.builder()
        .name("test")
        .window(BUCKET.multipliedBy(BUCKETS))
        .buckets(BUCKETS)
        .ticker(ticker)
        .cpuUsage(cpu::get)
        .build();
  }

  private static void addPasses(RollingWindow<SumBucket> window, int passes, long rtMillis) {
    for (int i = 0; i < passes; i++) {
      window.add(rtMillis);
    }
  }

  /** Buckets i = 0..9 hold (i + 1) * 100 passes with latencies i*10+1 .. i*10+10 ms. */
  private void fillMaxFlightVector(AdaptiveShedder shedder) {
    for (int i = 0; i < BUCKETS; i++) {
      if (i > 0) {
        ticker.advance(BUCKET);
      }
      int passesPerLatency = (i + 1) * 10;
      for (int j = i * 10 + 1; j <= i * 10 + 10; j++) {
        addPasses(shedder.window(), passesPerLatency, j);
      }
    }
  }

  @Test
  void maxPass_isLargestCompletedBucket_orOne() {
    AdaptiveShedder shedder = shedder();
    assertThat(shedder.capacity(ticker.read()).maxPass).isEqualTo(1);
    for (int i = 1; i <= 10; i++) {
      addPasses(shedder.window(), i * 100, 1);
      ticker.advance(BUCKET);
    }
    assertThat(shedder.capacity(ticker.read()).maxPass).isEqualTo(1000);
  }

  @Test
  void minRt_isSmallestRoundedBucketAverage_or1000() {
    AdaptiveShedder shedder = shedder();
    assertThat(shedder.capacity(ticker.read()).minRt).isEqualTo(1000.0);
    for (int i = 0; i < 10; i++) {
      if (i > 0) {
        ticker.advance(BUCKET);
      }
      for (int j = i * 10 + 1; j <= i * 10 + 10; j++) {
        shedder.window().add(j);
      }
    }
    assertThat(shedder.capacity(ticker.read()).minRt).isEqualTo(6.0); // round(5.5)
  }

  @Test
  void maxFlight_isMaxPassTimesMinRtTimesWindowScale() {
    AdaptiveShedder shedder = shedder();
    fillMaxFlightVector(shedder);
    // the current bucket (1000 passes) is ignored: maxPass 900, minRt 6, scale 0.01
    assertThat(shedder.maxFlight(ticker.read())).isEqualTo(54.0);
  }

  @Test
  void maxFlight_coldStart_isTenWithDefaults() {
    AdaptiveShedder shedder = AdaptiveShedder.builder().ticker(ticker).cpuUsage(cpu::get).build();
    assertThat(shedder.maxFlight(ticker.read())).isEqualTo(10.0);
  }

  @Test
  void shouldDrop_needsOverloadAndBothFlyingCountsAboveMaxFlight() {
    AdaptiveShedder shedder = shedder();
    fillMaxFlightVector(shedder);
    cpu.set(900); // at the threshold: overloaded, overload factor 1
    long now = ticker.read();

    shedder.avgFlying(50);
    assertThat(shedder.shouldDrop(now)).isFalse();

    shedder.avgFlying(80);
    shedder.flying((long) (shedder.maxFlight(now) * shedder.overloadFactor(900)) - 5);
    assertThat(shedder.shouldDrop(now)).isFalse();

    shedder.avgFlying(80);
    shedder.flying(80);
    assertThat(shedder.shouldDrop(now)).isTrue();

    cpu.set(899);
    assertThat(shedder.shouldDrop(now)).isFalse();

    cpu.set(900);
    assertThatThrownBy(shedder::allow)
        .isInstanceOf(OverloadedException.class)
        .hasMessage("service overloaded");
  }

  @Test
  void stillHot_onlyAfterADropWithinOneSecondOfOverload() {
    AdaptiveShedder shedder = shedder();
    long now = ticker.read();
    shedder.droppedRecently(true);
    assertThat(shedder.stillHot(now)).isFalse(); // never overloaded
    shedder.overloadTime(now - Duration.ofSeconds(2).toNanos());
    assertThat(shedder.stillHot(now)).isFalse();
    assertThat(shedder.stillHot(now)).isFalse(); // and the flag was cleared
    shedder.droppedRecently(true);
    shedder.overloadTime(now);
    assertThat(shedder.stillHot(now)).isTrue();
    shedder.droppedRecently(false);
    assertThat(shedder.stillHot(now)).isFalse();
  }

  @Test
  void overloadFactor_shrinksToTenPercentAsCpuNearsFull() {
    AdaptiveShedder shedder = shedder();
    assertThat(shedder.overloadFactor(900)).isEqualTo(1.0);
    assertThat(shedder.overloadFactor(950)).isCloseTo(0.5, within(1e-9));
    assertThat(shedder.overloadFactor(990)).isCloseTo(0.1, within(1e-9));
    assertThat(shedder.overloadFactor(1000)).isEqualTo(0.1);
    assertThat(shedder.overloadFactor(100)).isEqualTo(1.0);
  }

  /** Admits {@code n} requests and fails {@code completions} of them, to raise avgFlying. */
  private static List<Promise> inFlight(AdaptiveShedder shedder, int n, int completions) {
    List<Promise> promises = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      promises.add(shedder.allow());
    }
    for (int i = 0; i < completions; i++) {
      promises.remove(promises.size() - 1).fail();
    }
    return promises;
  }

  @Test
  void allow_shedsWhenCpuHighAndFlyingHigh_thenCoolsOffAfterOneSecond() {
    AdaptiveShedder shedder = shedder();
    inFlight(shedder, 200, 30); // flying 170, avgFlying about 150; cold-start maxFlight 10
    assertThat(shedder.flying()).isEqualTo(170);
    assertThat(shedder.avgFlying()).isGreaterThan(100);

    cpu.set(950);
    assertThatThrownBy(shedder::allow).isInstanceOf(OverloadedException.class);

    // CPU back under the threshold, but a drop happened less than 1 s after the overload: hot
    cpu.set(100);
    ticker.advanceMillis(999);
    assertThatThrownBy(shedder::allow).isInstanceOf(OverloadedException.class);

    ticker.advanceMillis(1);
    Promise admitted = shedder.allow();
    admitted.fail();
    assertThat(shedder.allow()).isNotNull();
  }

  @Test
  void allow_neverShedsUnderTheThreshold() {
    AdaptiveShedder shedder = shedder();
    cpu.set(899);
    inFlight(shedder, 1_000, 500);
    for (int i = 0; i < 1_000; i++) {
      shedder.allow();
    }
    assertThat(shedder.flying()).isEqualTo(1_500);
  }

  @Test
  void allow_overloadedButFewInFlight_admits() {
    AdaptiveShedder shedder = shedder();
    cpu.set(1000);
    for (int i = 0; i < 100; i++) {
      shedder.allow().pass(); // flying never above 1
    }
    assertThat(shedder.flying()).isZero();
  }

  @Test
  void priorityShedder_usesHalfwayThreshold_andKeepsAdmittingAtNormalThreshold() {
    assertThat(AdaptiveShedder.priorityCpuThreshold(900)).isEqualTo(950);
    assertThat(AdaptiveShedder.priorityCpuThreshold(800)).isEqualTo(900);
    AdaptiveShedder normal = shedder();
    AdaptiveShedder priority =
        AdaptiveShedder.builder()
            .name("priority")
            .window(BUCKET.multipliedBy(BUCKETS))
            .buckets(BUCKETS)
            .cpuThreshold(AdaptiveShedder.priorityCpuThreshold(900))
            .ticker(ticker)
            .cpuUsage(cpu::get)
            .build();
    inFlight(normal, 200, 30);
    inFlight(priority, 200, 30);
    cpu.set(920);
    assertThatThrownBy(normal::allow).isInstanceOf(OverloadedException.class);
    assertThat(priority.allow()).isNotNull();
    cpu.set(960);
    assertThatThrownBy(priority::allow)
        .isInstanceOfSatisfying(
            OverloadedException.class, e -> assertThat(e.shedderName()).isEqualTo("priority"));
  }

  @Test
  void pass_recordsLatencyRoundedUpToMillis_failRecordsNothing() {
    AdaptiveShedder shedder = shedder();
    Promise first = shedder.allow();
    ticker.advanceNanos(2_300_000);
    first.pass();
    Promise second = shedder.allow();
    ticker.advanceMillis(40);
    second.fail();
    ticker.advance(BUCKET); // complete the bucket
    AdaptiveShedder.Capacity capacity = shedder.capacity(ticker.read());
    assertThat(capacity.maxPass).isEqualTo(1);
    assertThat(capacity.minRt).isEqualTo(3.0);
    assertThat(shedder.flying()).isZero();
  }

  @Test
  void rtMillis_roundsUpAndIsAtLeastOne() {
    assertThat(AdaptiveShedder.rtMillis(0)).isEqualTo(1);
    assertThat(AdaptiveShedder.rtMillis(1)).isEqualTo(1);
    assertThat(AdaptiveShedder.rtMillis(1_000_000)).isEqualTo(1);
    assertThat(AdaptiveShedder.rtMillis(1_000_001)).isEqualTo(2);
    assertThat(AdaptiveShedder.rtMillis(20_000_000)).isEqualTo(20);
  }

  @Test
  void avgFlying_isEwmaOfFlyingAfterEachCompletion() {
    AdaptiveShedder shedder = shedder();
    List<Promise> promises = inFlight(shedder, 10, 0);
    promises.get(0).pass(); // flying 9
    assertThat(shedder.avgFlying()).isCloseTo(0.9, within(1e-12));
    promises.get(1).fail(); // flying 8
    assertThat(shedder.avgFlying()).isCloseTo(0.9 * 0.9 + 0.8, within(1e-12));
    shedder.allow(); // admissions do not move the average
    assertThat(shedder.avgFlying()).isCloseTo(1.61, within(1e-12));
  }

  @Test
  void promise_completedTwice_throws() {
    AdaptiveShedder shedder = shedder();
    Promise promise = shedder.allow();
    promise.pass();
    assertThatThrownBy(promise::fail)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("promise of shedder test already completed");
    assertThat(shedder.flying()).isZero();
  }

  @Test
  void listener_seesAllowsDropsPassesAndFails() {
    LongAdder allows = new LongAdder();
    LongAdder drops = new LongAdder();
    LongAdder passes = new LongAdder();
    LongAdder fails = new LongAdder();
    AdaptiveShedder shedder =
        AdaptiveShedder.builder()
            .ticker(ticker)
            .cpuUsage(cpu::get)
            .listener(
                new ShedderListener() {
                  @Override
                  public void onAllow() {
                    allows.increment();
                  }

                  @Override
                  public void onDrop() {
                    drops.increment();
                  }

                  @Override
                  public void onPass() {
                    passes.increment();
                  }

                  @Override
                  public void onFail() {
                    fails.increment();
                  }
                })
            .build();
    inFlight(shedder, 50, 20);
    shedder.allow().pass();
    cpu.set(1000);
    assertThatThrownBy(shedder::allow).isInstanceOf(OverloadedException.class);
    assertThat(allows.sum()).isEqualTo(51);
    assertThat(fails.sum()).isEqualTo(20);
    assertThat(passes.sum()).isEqualTo(1);
    assertThat(drops.sum()).isEqualTo(1);
  }

  @Test
  void overloadedException_isStacklessAndNamesTheShedder() {
    OverloadedException e = new OverloadedException("api");
    assertThat(e).hasMessage(OverloadedException.MESSAGE).hasMessage("service overloaded");
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.shedderName()).isEqualTo("api");
    e.addSuppressed(new RuntimeException());
    assertThat(e.getSuppressed()).isEmpty();
  }

  @Test
  void builder_validatesAtOnce() {
    assertThatThrownBy(() -> AdaptiveShedder.builder().cpuThreshold(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cpuThreshold: 0 (expected: 1..999 per mille");
    assertThatThrownBy(() -> AdaptiveShedder.builder().cpuThreshold(1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdaptiveShedder.builder().buckets(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("buckets: 0 (expected: > 0)");
    assertThatThrownBy(() -> AdaptiveShedder.builder().window(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window: PT0S (expected: > 0)");
    assertThatThrownBy(() -> AdaptiveShedder.builder().name(""))
        .isInstanceOf(IllegalArgumentException.class);
    AdaptiveShedder defaults = AdaptiveShedder.builder().cpuUsage(cpu::get).build();
    assertThat(defaults.name()).isEqualTo("shedder");
    assertThat(defaults.cpuThreshold()).isEqualTo(900);
  }

  @Test
  void noop_admitsEverything() {
    Shedder noop = Shedder.noop();
    for (int i = 0; i < 3; i++) {
      Promise promise = noop.allow();
      promise.pass();
      promise.fail();
    }
    assertThat(noop.toString()).isEqualTo("Shedder.noop()");
  }

  @Test
  void concurrentAllowAndPass_keepsCountsExact() throws Exception {
    AdaptiveShedder shedder = shedder();
    int threads = 8;
    int perThread = 10_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicBoolean failed = new AtomicBoolean();
    for (int t = 0; t < threads; t++) {
      new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    shedder.allow().pass();
                  }
                } catch (Exception e) {
                  failed.set(true);
                } finally {
                  done.countDown();
                }
              })
          .start();
    }
    done.await();
    assertThat(failed).isFalse();
    assertThat(shedder.flying()).isZero();
    ticker.advance(BUCKET);
    assertThat(shedder.capacity(ticker.read()).maxPass).isEqualTo((long) threads * perThread);
  }
}
