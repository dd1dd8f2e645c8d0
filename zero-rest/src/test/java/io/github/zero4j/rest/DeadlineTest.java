package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void remainingShrinksWithTheTickerAndNeverGoesNegative() {
    FakeTicker ticker = new FakeTicker();
    Deadline deadline = Deadline.after(Duration.ofMillis(300), ticker);
    assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(300));
    ticker.advanceMillis(200);
    assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(100));
    assertThat(deadline.isExpired()).isFalse();
    ticker.advanceMillis(150);
    assertThat(deadline.isExpired()).isTrue();
    assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    assertThat(deadline.remainingNanos()).isEqualTo(-Duration.ofMillis(50).toNanos());
  }

  @Test
  void earliestPicksTheSoonest() {
    FakeTicker ticker = new FakeTicker();
    Deadline soon = Deadline.after(Duration.ofSeconds(1), ticker);
    Deadline later = Deadline.after(Duration.ofSeconds(2), ticker);
    assertThat(soon.earliest(later)).isSameAs(soon);
    assertThat(later.earliest(soon)).isSameAs(soon);
  }

  @Test
  void hugeTimeoutsAreClampedInsteadOfOverflowing() {
    FakeTicker ticker = new FakeTicker();
    Deadline forever = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE), ticker);
    assertThat(forever.isExpired()).isFalse();
    assertThat(forever.compareTo(Deadline.after(Duration.ofDays(365), ticker))).isPositive();
  }

  @Test
  void afterAReadingTaken_startsThereAndIsCheckedAtGivenReadings() {
    FakeTicker ticker = new FakeTicker();
    long taken = ticker.read();
    ticker.advanceMillis(40);
    Deadline deadline = Deadline.after(Duration.ofMillis(100), ticker, taken);

    assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(60));
    assertThat(deadline).isEqualTo(Deadline.after(Duration.ofMillis(60), ticker));
    assertThat(deadline.isExpiredAt(taken + Duration.ofMillis(99).toNanos())).isFalse();
    assertThat(deadline.isExpiredAt(taken + Duration.ofMillis(100).toNanos())).isTrue();
    assertThat(deadline.isExpired()).as("reads the ticker, which has not moved").isFalse();
  }
}
