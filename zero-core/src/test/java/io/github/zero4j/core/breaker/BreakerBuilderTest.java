package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BreakerBuilderTest {

  @Test
  void defaults_areGoZeros() {
    assertThat(BreakerBuilder.DEFAULT_WINDOW).isEqualTo(Duration.ofSeconds(10));
    assertThat(BreakerBuilder.DEFAULT_BUCKETS).isEqualTo(40);
    assertThat(BreakerBuilder.DEFAULT_K).isEqualTo(1.5);
    assertThat(BreakerBuilder.MIN_K).isEqualTo(1.1);
    assertThat(BreakerBuilder.DEFAULT_PROTECTION).isEqualTo(5);
    assertThat(BreakerBuilder.FORCE_PASS_INTERVAL).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void setters_rejectBadValuesAtOnce() {
    BreakerBuilder b = Breaker.builder();
    assertThatThrownBy(() -> b.name(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name: \" \" (expected: not blank)");
    assertThatThrownBy(() -> b.window(Duration.ZERO)).hasMessage("window: PT0S (expected: > 0)");
    assertThatThrownBy(() -> b.buckets(0)).hasMessage("buckets: 0 (expected: >= 1)");
    assertThatThrownBy(() -> b.k(1.0)).hasMessage("k: 1.0 (expected: finite and >= 1.1)");
    assertThatThrownBy(() -> b.k(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.k(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.protection(-1)).hasMessage("protection: -1 (expected: >= 0)");
    assertThatThrownBy(() -> b.ticker(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_rejectsBucketsShorterThanAMillisecond() {
    assertThatThrownBy(() -> Breaker.builder().window(Duration.ofMillis(10)).buckets(20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window / buckets: PT0.01S / 20 (expected: buckets of at least PT0.001S)");
    assertThat(Breaker.builder().window(Duration.ofMillis(10)).buckets(10).build()).isNotNull();
  }

  @Test
  void exception_isStacklessAndImmutable() {
    BreakerOpenException e = new BreakerOpenException("svc");
    assertThat(e.getStackTrace()).isEmpty();
    e.addSuppressed(new IllegalStateException());
    assertThat(e.getSuppressed()).isEmpty();
    assertThatThrownBy(() -> e.initCause(new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(e).hasMessage("circuit breaker is open");
    assertThat(e.breakerName()).isEqualTo("svc");
  }
}
