package io.github.zero4j.core.executors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's tick rules, driven by hand: no flusher thread, one {@code runOnce()} per pass. */
class PeriodicalExecutorTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private final FakeTicker ticker = new FakeTicker();
  private final Batches<Integer> batches = new Batches<>();
  private final PeriodicalExecutor<Integer, Integer> executor =
      PeriodicalExecutor.manual("manual", 10, INTERVAL, ticker, t -> 1, t -> t, batches);

  private void add(int from, int to) {
    for (int i = from; i < to; i++) {
      executor.add(i);
    }
  }

  @Test
  void runOnce_beforeTick_keepsPartialBatch() {
    add(0, 3);
    ticker.advanceMillis(999);
    assertThat(executor.runOnce()).isEqualTo(Duration.ofMillis(1).toNanos());
    assertThat(batches.all()).isEmpty();
  }

  @Test
  void tick_flushesPartialBatch() {
    add(0, 3);
    ticker.advance(INTERVAL);
    executor.runOnce();
    assertThat(batches.all()).containsExactly(List.of(0, 1, 2));
  }

  @Test
  void tick_afterFullBatch_isSkippedOnce() {
    add(0, 13); // one full batch and three left over
    executor.runOnce();
    assertThat(batches.all()).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    ticker.advance(INTERVAL);
    executor.runOnce(); // a full batch ran in this interval: go-zero skips this tick
    assertThat(batches.all()).hasSize(1);
    ticker.advance(INTERVAL);
    executor.runOnce();
    assertThat(batches.all()).last().isEqualTo(List.of(10, 11, 12));
  }

  @Test
  void tick_lateFlusherDropsMissedTicks_keepsPhase() {
    ticker.advanceMillis(5500); // ticks at 1..5 s missed: one flush, next tick at 6 s
    add(0, 2);
    assertThat(executor.runOnce()).isEqualTo(Duration.ofMillis(500).toNanos());
    assertThat(batches.all()).containsExactly(List.of(0, 1));
    add(2, 3);
    ticker.advanceMillis(500);
    executor.runOnce();
    assertThat(batches.all()).last().isEqualTo(List.of(2));
  }

  @Test
  void emptyExecutor_neverCallsConsumer() {
    for (int i = 0; i < 5; i++) {
      ticker.advance(INTERVAL);
      executor.runOnce();
    }
    executor.flush();
    executor.close();
    assertThat(batches.all()).isEmpty();
  }

  @Test
  void flush_splitsIntoFullBatches_andDoesNotSkipNextTick() {
    add(0, 25);
    executor.flush();
    assertThat(batches.all()).extracting(List::size).containsExactly(10, 10, 5);
    add(25, 26);
    ticker.advance(INTERVAL);
    executor.runOnce(); // flush() is not a "command": the tick still flushes
    assertThat(batches.all()).last().isEqualTo(List.of(25));
  }

  @Test
  void close_withoutThread_deliversTheRest() {
    add(0, 4);
    executor.close();
    assertThat(batches.all()).containsExactly(List.of(0, 1, 2, 3));
  }
}
