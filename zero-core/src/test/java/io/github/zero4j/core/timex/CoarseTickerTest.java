package io.github.zero4j.core.timex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoarseTickerTest {

  @Test
  void coarse_neverGoesBackwards_andMoves() {
    Ticker coarse = Ticker.coarse();
    long first = coarse.read();
    long previous = first;
    // Spin until the updater thread has refreshed the value (bounded, so a broken updater fails).
    long giveUp = System.nanoTime() + 10_000_000_000L;
    while (previous == first && System.nanoTime() < giveUp) {
      long now = coarse.read();
      assertThat(now).isGreaterThanOrEqualTo(previous);
      previous = now;
      Thread.onSpinWait();
    }
    assertThat(previous).isGreaterThan(first);
  }

  @Test
  void fakeTicker_advancesOnlyWhenTold() {
    FakeTicker ticker = new FakeTicker(0);
    assertThat(ticker.read()).isZero();
    ticker.advanceMillis(250);
    assertThat(ticker.read()).isEqualTo(250_000_000L);
  }
}
