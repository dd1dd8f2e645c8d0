package io.github.zero4j.stores.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ExpiriesTest {

  @Test
  void around_staysWithinFivePercent() {
    Duration week = Duration.ofDays(7);
    assertThat(Expiries.around(week, 0))
        .isEqualTo(Duration.ofNanos((long) (week.toNanos() * 1.05)));
    for (int i = 0; i < 10_000; i++) {
      Duration d = Expiries.around(week, ThreadLocalRandom.current().nextDouble());
      assertThat(d).isGreaterThan(Duration.ofSeconds((long) (7 * 86400 * 0.95)));
      assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds((long) (7 * 86400 * 1.05)));
    }
  }

  @Test
  void notFoundTtl_isBetween57And63Seconds() {
    for (int i = 0; i < 10_000; i++) {
      long ttl =
          Expiries.ceilSeconds(
              Expiries.around(Duration.ofMinutes(1), ThreadLocalRandom.current().nextDouble()));
      assertThat(ttl).isBetween(57L, 63L);
    }
  }

  @Test
  void ceilSeconds_roundsUpToAtLeastOne() {
    assertThat(Expiries.ceilSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Expiries.ceilSeconds(Duration.ofSeconds(5))).isEqualTo(5);
    assertThat(Expiries.ceilSeconds(Duration.ofMillis(5001))).isEqualTo(6);
  }
}
