package io.github.zero4j.core.executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LessExecutorTest {
  private static final Duration THRESHOLD = Duration.ofMinutes(5);

  private final FakeTicker ticker = new FakeTicker();
  private final LessExecutor executor = LessExecutor.of(THRESHOLD, ticker);
  private final AtomicInteger runs = new AtomicInteger();

  private boolean call() {
    return executor.doOrDiscard(runs::incrementAndGet);
  }

  @Test
  void doOrDiscard_firstRuns_thenDiscardsUntilMoreThanThresholdPassed() {
    assertThat(call()).isTrue();
    assertThat(call()).isFalse();
    ticker.advance(THRESHOLD);
    assertThat(call()).as("exactly the threshold: go-zero needs strictly more").isFalse();
    ticker.advanceNanos(1);
    assertThat(call()).isTrue();
    assertThat(call()).isFalse();
    assertThat(runs).hasValue(2);
  }

  @Test
  void doOrDiscard_concurrentCallers_exactlyOneRunsPerOpening() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 3; round++) {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return call();
                  }));
        }
        int ran = 0;
        for (Future<Boolean> f : results) {
          ran += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(ran).as("round %d", round).isEqualTo(1);
        ticker.advance(THRESHOLD.plusNanos(1));
      }
      assertThat(runs).hasValue(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void doOrDiscard_failingTaskStillCountsAsARun() {
    assertThatThrownBy(
            () ->
                executor.doOrDiscard(
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(call()).isFalse();
  }

  @Test
  void of_validatesThreshold() {
    assertThatThrownBy(() -> LessExecutor.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold: PT0S (expected: > 0)");
    assertThat(LessExecutor.of(THRESHOLD).threshold()).isEqualTo(THRESHOLD);
  }
}
