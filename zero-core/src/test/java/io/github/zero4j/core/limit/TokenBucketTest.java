package io.github.zero4j.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final FakeTicker ticker = new FakeTicker();

  private TokenBucket bucket(double rate, int burst) {
    return TokenBucket.builder().name("test").rate(rate).burst(burst).ticker(ticker).build();
  }

  private static int drain(TokenBucket bucket) {
    int granted = 0;
    while (bucket.allow()) {
      granted++;
    }
    return granted;
  }

  @Test
  void allow_goZeroVector_burstThenRatePerSecond() {
    // go-zero tokenlimit: rate 5, burst 10 -> exactly 10 at once, then 5 in each later second.
    TokenBucket bucket = bucket(5, 10);
    assertThat(drain(bucket)).isEqualTo(10);
    for (int second = 1; second <= 5; second++) {
      ticker.advance(Duration.ofSeconds(1));
      assertThat(drain(bucket)).as("second %d", second).isEqualTo(5);
    }
  }

  @Test
  void allow_refillsContinuously_oneTokenPerInterval() {
    TokenBucket bucket = bucket(5, 10);
    drain(bucket);
    ticker.advanceMillis(199);
    assertThat(bucket.allow()).isFalse();
    ticker.advanceMillis(1);
    assertThat(bucket.allow()).isTrue();
    assertThat(bucket.allow()).isFalse();
  }

  @Test
  void allow_refillIsCappedAtBurst() {
    TokenBucket bucket = bucket(5, 10);
    drain(bucket);
    ticker.advance(Duration.ofDays(3));
    assertThat(drain(bucket)).isEqualTo(10);
  }

  @Test
  void allow_deniedRequestsTakeNothing() {
    TokenBucket bucket = bucket(5, 10);
    drain(bucket);
    for (int i = 0; i < 100; i++) {
      assertThat(bucket.allow()).isFalse();
    }
    ticker.advanceMillis(400);
    assertThat(drain(bucket)).isEqualTo(2);
  }

  @Test
  void allowN_grantsAllOrNothing() {
    TokenBucket bucket = bucket(5, 10);
    assertThat(bucket.allow(7)).isTrue();
    assertThat(bucket.allow(4)).isFalse(); // 3 left: nothing taken
    assertThat(bucket.allow(3)).isTrue();
    assertThat(bucket.allow(1)).isFalse();
    ticker.advance(Duration.ofSeconds(1)); // +5
    assertThat(bucket.allow(6)).isFalse();
    assertThat(bucket.allow(5)).isTrue();
  }

  @Test
  void allowN_moreThanBurst_isNeverGranted() {
    TokenBucket bucket = bucket(5, 10);
    ticker.advance(Duration.ofHours(1));
    assertThat(bucket.allow(11)).isFalse();
    assertThat(bucket.allow(10)).isTrue();
  }

  @Test
  void allowN_zeroIsGranted_negativeRejected() {
    TokenBucket bucket = bucket(5, 10);
    drain(bucket);
    assertThat(bucket.allow(0)).isTrue();
    assertThatThrownBy(() -> bucket.allow(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("permits: -1 (expected: >= 0)");
  }

  @Test
  void allow_fractionalRate_oneTokenEveryTwoSeconds() {
    TokenBucket bucket = bucket(0.5, 1);
    assertThat(bucket.allow()).isTrue();
    ticker.advanceMillis(1999);
    assertThat(bucket.allow()).isFalse();
    ticker.advanceMillis(1);
    assertThat(bucket.allow()).isTrue();
  }

  @Test
  void allow_rateNotDividingASecond_grantsExactlyRatePerSecond() {
    // 1 s / 3 is not a whole number of nanoseconds; 3 tokens are still there after exactly 1 s.
    TokenBucket bucket = bucket(3, 3);
    drain(bucket);
    for (int second = 1; second <= 100; second++) {
      ticker.advance(Duration.ofSeconds(1));
      assertThat(drain(bucket)).as("second %d", second).isEqualTo(3);
    }
  }

  @Test
  void allow_highRate_subNanosecondIntervalIsExact() {
    // 7e8/s: 1.43 ns per token, which whole nanoseconds could not represent.
    TokenBucket bucket = bucket(7e8, 1_000_000);
    assertThat(bucket.allow(1_000_000)).isTrue();
    ticker.advanceMillis(1); // +700 000 tokens
    assertThat(bucket.allow(700_001)).isFalse();
    assertThat(bucket.allow(700_000)).isTrue();
    assertThat(bucket.allow()).isFalse();
  }

  @Test
  void allow_maxRate_onePerNanosecond() {
    TokenBucket bucket = bucket(TokenBucket.MAX_RATE, 1000);
    assertThat(bucket.allow(1000)).isTrue();
    ticker.advanceNanos(999);
    assertThat(bucket.allow(1000)).isFalse();
    ticker.advanceNanos(1);
    assertThat(bucket.allow(1000)).isTrue();
  }

  @Test
  void allow_acrossRebase_keepsDebt() {
    TokenBucket bucket = bucket(1, 10);
    long horizon = ((GcraTokenBucket) bucket).horizonNanos();
    ticker.advanceNanos(horizon - Duration.ofSeconds(1).toNanos());
    assertThat(drain(bucket)).isEqualTo(10);
    ticker.advance(Duration.ofSeconds(2)); // past the horizon, 2 tokens refilled
    assertThat(drain(bucket)).isEqualTo(2);
    ticker.advance(Duration.ofSeconds(3));
    assertThat(drain(bucket)).isEqualTo(3);
    ticker.advanceNanos(horizon * 5); // idle far past several horizons: full again
    assertThat(drain(bucket)).isEqualTo(10);
  }

  @Test
  void setRate_keepsTokens_changesRefill() {
    TokenBucket bucket = bucket(10, 10);
    assertThat(bucket.allow(6)).isTrue(); // 4 left
    bucket.setRate(2);
    assertThat(bucket.rate()).isEqualTo(2);
    assertThat(bucket.burst()).isEqualTo(10);
    assertThat(drain(bucket)).isEqualTo(4);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(drain(bucket)).isEqualTo(2);
    bucket.setRate(20);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(drain(bucket)).isEqualTo(10); // 20 refilled, capped at burst 10
  }

  @Test
  void setRate_midRefill_keepsFractionalToken() {
    TokenBucket bucket = bucket(2, 2);
    drain(bucket);
    ticker.advanceMillis(250); // half a token at 2/s
    bucket.setRate(1); // the half token stays; at 1/s the other half takes 500 ms
    ticker.advanceMillis(499);
    assertThat(bucket.allow()).isFalse();
    ticker.advanceMillis(1);
    assertThat(bucket.allow()).isTrue();
  }

  @Test
  void setRateAndBurst_capsTokensAtSmallerBurst_largerBurstAddsNone() {
    TokenBucket bucket = bucket(10, 10);
    bucket.setRate(10, 4);
    assertThat(bucket.burst()).isEqualTo(4);
    assertThat(drain(bucket)).isEqualTo(4);
    bucket.setRate(10, 20);
    assertThat(bucket.allow()).isFalse();
    ticker.advance(Duration.ofSeconds(5));
    assertThat(drain(bucket)).isEqualTo(20);
  }

  @Test
  void setRate_validates() {
    TokenBucket bucket = bucket(5, 10);
    assertThatThrownBy(() -> bucket.setRate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate: 0.0 (expected: > 0 and <= 1.0E9)");
    assertThatThrownBy(() -> bucket.setRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bucket.setRate(5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("burst: 0 (expected: > 0)");
    assertThat(bucket.rate()).isEqualTo(5);
  }

  @Test
  void builder_validatesAndDefaultsBurstToOneSecond() {
    assertThatThrownBy(() -> TokenBucket.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rate must be set");
    assertThatThrownBy(() -> TokenBucket.builder().rate(2e9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate: 2.0E9 (expected: > 0 and <= 1.0E9)");
    assertThatThrownBy(() -> TokenBucket.builder().burst(-3))
        .hasMessage("burst: -3 (expected: > 0)");
    assertThatThrownBy(() -> TokenBucket.builder().name(""))
        .hasMessage("name: \"\" (expected: non-empty)");
    assertThatThrownBy(() -> TokenBucket.builder().rate(1e-9).burst(Integer.MAX_VALUE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("burst / rate: ");
    assertThat(TokenBucket.builder().rate(2.5).build().burst()).isEqualTo(3);
    assertThat(TokenBucket.of(5, 10).name()).isEqualTo(TokenBucket.DEFAULT_NAME);
  }

  @Test
  void defaultTicker_coarseOnlyWhenFillTimeCoversTenCoarseSteps() {
    GcraTokenBucket slow = (GcraTokenBucket) TokenBucket.of(100, 1);
    GcraTokenBucket fast = (GcraTokenBucket) TokenBucket.of(1e6, 1000);
    assertThat(slow.ticker()).isSameAs(Ticker.coarse()); // fills in 10 ms
    assertThat(fast.ticker()).isSameAs(Ticker.system()); // fills in 1 ms
    fast.setRate(1e5); // now fills in 10 ms
    assertThat(fast.ticker()).isSameAs(Ticker.coarse());
    GcraTokenBucket injected = (GcraTokenBucket) bucket(1e6, 1000);
    assertThat(injected.ticker()).isSameAs(ticker);
  }

  @Test
  void acquireOrThrow_throwsStacklessExceptionNamingTheLimiter() {
    TokenBucket bucket = bucket(5, 1);
    bucket.acquireOrThrow();
    assertThatThrownBy(bucket::acquireOrThrow)
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.name()).isEqualTo("test");
              assertThat(e.getStackTrace()).isEmpty();
            })
        .hasMessage("rate limit exceeded: test");
    assertThatThrownBy(() -> bucket.acquireOrThrow(2)).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void noop_grantsEverything() {
    TokenBucket noop = TokenBucket.noop();
    for (int i = 0; i < 1000; i++) {
      assertThat(noop.allow()).isTrue();
    }
    assertThat(noop.allow(Integer.MAX_VALUE)).isTrue();
    noop.setRate(1);
    noop.acquireOrThrow(1_000_000);
    assertThat(noop.name()).isEqualTo("noop");
    assertThat(noop.burst()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void setRate_withTimeStandingStill_neitherAddsNorLosesATokenWhateverIsOwed() {
    // Debts run past 2^53 scaled units at these rates: a conversion through a double loses one.
    double[] rates = {1, 1001, 2001};
    for (int taken = 0; taken <= 20_000; taken += 997) {
      TokenBucket bucket = bucket(1000, 20_000);
      for (int i = 0; i < taken; i++) {
        assertThat(bucket.allow()).isTrue();
      }
      for (int change = 0; change < 9; change++) {
        bucket.setRate(rates[change % rates.length]);
      }
      assertThat(drain(bucket)).as("after %d taken", taken).isEqualTo(20_000 - taken);
    }
  }
}
