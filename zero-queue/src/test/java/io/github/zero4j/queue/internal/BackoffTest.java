package io.github.zero4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final long MS = 1_000_000L;

  @Test
  void ceiling_doublesPerRetry_upToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
    assertThat(b.ceilingNanos(1)).isEqualTo(100 * MS);
    assertThat(b.ceilingNanos(2)).isEqualTo(200 * MS);
    assertThat(b.ceilingNanos(3)).isEqualTo(400 * MS);
    assertThat(b.ceilingNanos(4)).isEqualTo(800 * MS);
    assertThat(b.ceilingNanos(5)).isEqualTo(1000 * MS);
    assertThat(b.ceilingNanos(1_000_000)).isEqualTo(1000 * MS);
  }

  @Test
  void delay_isBetweenHalfAndAllOfTheCeiling() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
    assertThat(b.delayNanos(2, 0.0)).isEqualTo(100 * MS);
    assertThat(b.delayNanos(2, 0.5)).isEqualTo(150 * MS);
    assertThat(b.delayNanos(2, 0.999999)).isLessThanOrEqualTo(200 * MS).isGreaterThan(199 * MS);
  }

  @Test
  void zeroBase_meansNoWait() {
    Backoff b = new Backoff(Duration.ZERO, Duration.ZERO);
    assertThat(b.delayNanos(5, 0.7)).isZero();
  }

  @Test
  void hugeCap_doesNotOverflow() {
    Backoff b =
        new Backoff(Duration.ofDays(1), Duration.ofSeconds(Long.MAX_VALUE / 2_000_000_000L));
    assertThat(b.ceilingNanos(200)).isPositive();
  }

  @Test
  void rejectsCapBelowBase_andRetryZero() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));
    assertThatThrownBy(() -> b.ceilingNanos(0)).hasMessageContaining("retry: 0");
  }
}
