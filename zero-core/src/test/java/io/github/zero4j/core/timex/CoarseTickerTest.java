package io.github.zero4j.core.timex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class CoarseTickerTest {
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

  @Test
  void coarse_neverGoesBackwards_andMoves() {
    Ticker coarse = Ticker.coarse();
    long first = coarse.read();
    long previous = first;
    // Spin until the updater thread has refreshed the value (bounded, so a broken updater fails).
    long giveUp = System.nanoTime() + GIVE_UP_NANOS;
    while (previous == first && System.nanoTime() < giveUp) {
      long now = coarse.read();
      assertThat(now).isGreaterThanOrEqualTo(previous);
      previous = now;
      Thread.onSpinWait();
    }
    assertThat(previous).isGreaterThan(first);
  }

  @Test
  void unread_updaterParks_andTheNextReadIsFreshAndRestartsIt() {
    CoarseTicker ticker = new CoarseTicker(1, 5, "test-coarse-clock-park");
    ticker.read();

    await(ticker::asleep);
    // Parked without a timeout: the thread no longer wakes every millisecond.
    await(() -> ticker.updater().getState() == Thread.State.WAITING);
    assertThat(ticker.asleep()).isTrue();

    long before = System.nanoTime() & ~3L; // the clock keeps no more than that of a reading
    long read = ticker.read();
    assertThat(read).isGreaterThanOrEqualTo(before); // not the value left when it parked
    assertThat(ticker.asleep()).isFalse();
    // The updater refreshes again on its own.
    await(() -> ticker.read() > read);
  }

  @Test
  void readersRacingToWakeIt_allSeeTheWakeTime_andNoneSeesTimeGoBack() throws Exception {
    CoarseTicker ticker = new CoarseTicker(1, 2, "test-coarse-clock-race");
    int readers = 4;
    CyclicBarrier start = new CyclicBarrier(readers + 1);
    long[] released = new long[1];
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        done.add(
            pool.submit(
                () -> {
                  long previous = Long.MIN_VALUE;
                  for (int round = 0; round < 20; round++) {
                    // Wait while the updater goes to sleep, then go together against it.
                    start.await(10, TimeUnit.SECONDS);
                    start.await(10, TimeUnit.SECONDS);
                    long first = ticker.read();
                    assertThat(first).isGreaterThanOrEqualTo(released[0]);
                    assertThat(first).isGreaterThanOrEqualTo(previous);
                    previous = first;
                    for (int i = 0; i < 1000; i++) {
                      long now = ticker.read();
                      assertThat(now).isGreaterThanOrEqualTo(previous);
                      previous = now;
                    }
                  }
                  return null;
                }));
      }
      try {
        for (int round = 0; round < 20; round++) {
          start.await(10, TimeUnit.SECONDS);
          await(ticker::asleep);
          released[0] = System.nanoTime() & ~3L; // published to the readers by the barrier
          start.await(10, TimeUnit.SECONDS);
        }
      } catch (TimeoutException | BrokenBarrierException e) {
        for (Future<?> future : done) {
          if (future.isDone()) {
            future.get(); // a reader's failed assertion, which left the others at the barrier
          }
        }
        throw e;
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fakeTicker_advancesOnlyWhenTold() {
    FakeTicker ticker = new FakeTicker(0);
    assertThat(ticker.read()).isZero();
    ticker.advanceMillis(250);
    assertThat(ticker.read()).isEqualTo(250_000_000L);
  }

  /** Spins (yielding) until the condition holds; fails after ten seconds. */
  private static void await(BooleanSupplier condition) {
    long giveUp = System.nanoTime() + GIVE_UP_NANOS;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after 10 s").isLessThan(giveUp);
      Thread.yield();
    }
  }
}
