package io.github.zero4j.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** go-zero's core/collection/rollingwindow_test.go vectors, driven by a fake ticker. */
class RollingWindowTest {
  private static final Duration INTERVAL = Duration.ofMillis(50);

  private final FakeTicker ticker = new FakeTicker();

  private RollingWindow<SumBucket> window(int size, Duration interval, boolean ignoreCurrent) {
    return RollingWindow.builder(size, interval, SumBucket::new)
        .ignoreCurrentBucket(ignoreCurrent)
        .ticker(ticker)
        .build();
  }

  private static List<Long> sums(RollingWindow<SumBucket> window) {
    List<Long> sums = new ArrayList<>();
    window.reduce(b -> sums.add(b.sum()));
    return sums;
  }

  private void elapse() {
    ticker.advance(INTERVAL);
  }

  @Test
  void builder_rejectsNonPositiveSizeAndInterval() {
    assertThatThrownBy(() -> RollingWindow.builder(0, INTERVAL, SumBucket::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size: 0 (expected: > 0)");
    assertThatThrownBy(() -> RollingWindow.builder(3, Duration.ZERO, SumBucket::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval: PT0S (expected: > 0)");
    assertThat(RollingWindow.of(10, Duration.ofSeconds(1)).size()).isEqualTo(10);
  }

  @Test
  void add_fillsCurrentBucketAndRolls() {
    RollingWindow<SumBucket> r = window(3, INTERVAL, false);
    assertThat(sums(r)).containsExactly(0L, 0L, 0L);
    r.add(1);
    assertThat(sums(r)).containsExactly(0L, 0L, 1L);
    elapse();
    r.add(2);
    r.add(3);
    assertThat(sums(r)).containsExactly(0L, 1L, 5L);
    elapse();
    r.add(4);
    r.add(5);
    r.add(6);
    assertThat(sums(r)).containsExactly(1L, 5L, 15L);
    elapse();
    r.add(7);
    assertThat(sums(r)).containsExactly(5L, 15L, 7L);
  }

  @Test
  void reduce_ignoringCurrent_dropsBucketsAsTheyExpire() {
    RollingWindow<SumBucket> r = window(3, INTERVAL, true);
    r.add(1);
    elapse();
    assertThat(sums(r)).containsExactly(0L, 1L);
    elapse();
    assertThat(sums(r)).containsExactly(1L);
    elapse();
    assertThat(sums(r)).isEmpty();

    // across a whole window
    r.add(1);
    ticker.advance(INTERVAL.multipliedBy(10));
    assertThat(sums(r)).isEmpty();
  }

  @Test
  void reduce_sumsWindow_withAndWithoutCurrentBucket() {
    assertThat(reduceFourBuckets(false)).isEqualTo(10);
    assertThat(reduceFourBuckets(true)).isEqualTo(4);
  }

  private long reduceFourBuckets(boolean ignoreCurrent) {
    int size = 4;
    RollingWindow<SumBucket> r = window(size, INTERVAL, ignoreCurrent);
    for (int x = 0; x < size; x++) {
      for (int i = 0; i <= x; i++) {
        r.add(i);
      }
      if (x < size - 1) {
        elapse();
      }
    }
    long[] total = new long[1];
    r.reduce(b -> total[0] += b.sum());
    return total[0];
  }

  @Test
  void add_alignsBucketsToIntervalBoundaries() {
    Duration interval = Duration.ofMillis(30);
    RollingWindow<SumBucket> r = window(3, interval, false);
    assertThat(sums(r)).containsExactly(0L, 0L, 0L);
    r.add(1);
    assertThat(sums(r)).containsExactly(0L, 0L, 1L);
    ticker.advanceMillis(45);
    r.add(2);
    r.add(3);
    assertThat(sums(r)).containsExactly(0L, 1L, 5L);
    // less than an interval later, but past the 60 ms boundary: a new bucket
    ticker.advanceMillis(20);
    r.add(4);
    r.add(5);
    r.add(6);
    assertThat(sums(r)).containsExactly(1L, 5L, 15L);
    ticker.advanceMillis(100);
    r.add(7);
    r.add(8);
    r.add(9);
    assertThat(sums(r)).containsExactly(0L, 0L, 24L);
  }

  @Test
  void reduce_afterTimeMovesOn_countsLastWrittenBucketEvenWhenIgnoringCurrent() {
    RollingWindow<SumBucket> r = window(3, INTERVAL, true);
    r.add(1);
    r.add(2);
    assertThat(sums(r)).containsExactly(0L, 0L); // the bucket being filled is left out
    elapse();
    assertThat(sums(r)).containsExactly(0L, 3L); // complete now
  }

  @Test
  void sumBucket_countsAdds() {
    RollingWindow<SumBucket> r = window(2, INTERVAL, false);
    r.add(10);
    r.add(-4);
    List<SumBucket> buckets = new ArrayList<>();
    r.reduce(buckets::add);
    assertThat(buckets.get(1).sum()).isEqualTo(6);
    assertThat(buckets.get(1).count()).isEqualTo(2);
    assertThat(buckets.get(0).count()).isZero();
  }

  @Test
  void addAt_usesCallersTimestamp() {
    RollingWindow<SumBucket> r = window(3, INTERVAL, false);
    long start = ticker.read();
    r.addAt(start + INTERVAL.toNanos(), 7); // one interval ahead of the ticker
    assertThat(sums(r)).containsExactly(0L, 0L, 0L);
    List<Long> later = new ArrayList<>();
    r.reduceAt(start + INTERVAL.toNanos(), b -> later.add(b.sum()));
    assertThat(later).containsExactly(0L, 0L, 7L);
  }

  @Test
  void concurrentAdds_whileTimeMoves_loseNothing() throws Exception {
    int size = 16;
    RollingWindow<SumBucket> r = window(size, INTERVAL, false);
    int threads = 8;
    int perThread = 20_000;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicBoolean failed = new AtomicBoolean();
    LongAdder expected = new LongAdder();
    for (int t = 0; t < threads; t++) {
      int value = t + 1;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    r.add(value);
                    expected.add(value);
                  }
                } catch (Exception e) {
                  failed.set(true);
                } finally {
                  done.countDown();
                }
              });
      thread.start();
    }
    start.await();
    // Roll through fewer intervals than the window holds, so no written bucket expires.
    for (int i = 0; i < size - 2 && done.getCount() > 0; i++) {
      elapse();
    }
    done.await();
    assertThat(failed).isFalse();
    long[] sum = new long[2];
    r.reduce(
        b -> {
          sum[0] += b.sum();
          sum[1] += b.count();
        });
    assertThat(sum[0]).isEqualTo(expected.sum());
    assertThat(sum[1]).isEqualTo((long) threads * perThread);
  }
}
