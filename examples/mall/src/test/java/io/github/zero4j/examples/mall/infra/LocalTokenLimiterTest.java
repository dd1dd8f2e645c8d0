package io.github.zero4j.examples.mall.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import org.junit.jupiter.api.Test;

class LocalTokenLimiterTest {
  private final FakeTicker ticker = new FakeTicker();

  @Test
  void grantsTheBurstThenTheRatePerSecond() {
    LocalTokenLimiter limiter =
        new LocalTokenLimiter("register", new TokenLimitConf(5, 10), ticker);

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.allow()).as("grant %d", i).isTrue();
    }
    assertThat(limiter.allow()).isFalse();

    ticker.advanceMillis(1000);
    int granted = 0;
    while (limiter.allow()) {
      granted++;
    }
    assertThat(granted).isEqualTo(5);
  }

  @Test
  void neverGrantsMoreThanTheBurstAtOnce() {
    LocalTokenLimiter limiter = new LocalTokenLimiter("k", new TokenLimitConf(1, 3), ticker);

    assertThat(limiter.allow(4)).isFalse();
    assertThat(limiter.allow(3)).isTrue();
    assertThat(limiter.allow(1)).isFalse();
    assertThat(limiter.allow(0)).isTrue();
  }

  @Test
  void asyncAnswersLikeSync() {
    LocalTokenLimiter limiter = new LocalTokenLimiter("k", new TokenLimitConf(1, 1), ticker);

    assertThat(limiter.allowAsync().toCompletableFuture().join()).isTrue();
    assertThat(limiter.allowAsync().toCompletableFuture().join()).isFalse();
    assertThat(limiter.key()).isEqualTo("k");
  }

  @Test
  void rejectsBadArguments() {
    LocalTokenLimiter limiter = new LocalTokenLimiter("k", new TokenLimitConf(1, 1), ticker);

    assertThatThrownBy(() -> limiter.allow(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new LocalTokenLimiter("", new TokenLimitConf(1, 1), ticker))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenLimitConf(0, 1)).hasMessage("Rate: 0 (expected: > 0)");
    assertThatThrownBy(() -> new TokenLimitConf(1, 0)).hasMessage("Burst: 0 (expected: > 0)");
  }
}
