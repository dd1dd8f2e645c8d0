package io.github.zero4j.stores.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenLimiterTest {
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final FakeTicker ticker = new FakeTicker();
  private final FailingRedis failing = new FailingRedis();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private RedisTokenLimiter limiter(int rate, int burst) {
    // a heartbeat far in the future: the test drives the instance count itself
    return new RedisTokenLimiter(
        failing.redis,
        "k",
        rate,
        burst,
        () -> Instant.ofEpochSecond(1000),
        ticker,
        Duration.ofHours(1),
        scheduler);
  }

  @Test
  void keys_followGoZeroWithHashTags() {
    assertThat(RedisTokenLimiter.tokensKey("sms")).isEqualTo("{sms}.tokens");
    assertThat(RedisTokenLimiter.timestampKey("sms")).isEqualTo("{sms}.ts");
    assertThat(RedisTokenLimiter.instancesKey("sms")).isEqualTo("{sms}.inst");
  }

  @Test
  void fallbackShare_dividesRateAndBurstByInstances() {
    assertThat(RedisTokenLimiter.fallbackRate(10, 1)).isEqualTo(10.0);
    assertThat(RedisTokenLimiter.fallbackRate(5, 2)).isEqualTo(2.5);
    assertThat(RedisTokenLimiter.fallbackRate(5, 0)).isEqualTo(5.0);
    assertThat(RedisTokenLimiter.fallbackBurst(10, 2)).isEqualTo(5);
    assertThat(RedisTokenLimiter.fallbackBurst(10, 3)).isEqualTo(4);
    assertThat(RedisTokenLimiter.fallbackBurst(1, 5)).isEqualTo(1);
  }

  @Test
  void redisFailure_answersFromLocalBucketAtFullRate_withOneInstance() {
    RedisTokenLimiter limiter = limiter(5, 10);

    int granted = countGrants(limiter, 30);

    assertThat(granted).isEqualTo(10);
    assertThat(limiter.usingRedis()).isFalse();
    ticker.advance(Duration.ofSeconds(1));
    assertThat(countGrants(limiter, 30)).isEqualTo(5);
    limiter.close();
  }

  @Test
  void redisFailure_withTwoInstances_halvesRateAndBurst() {
    RedisTokenLimiter limiter = limiter(10, 10);
    limiter.updateInstances(2);

    assertThat(countGrants(limiter, 30)).isEqualTo(5);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(countGrants(limiter, 30)).isEqualTo(5);
    limiter.updateInstances(5);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(countGrants(limiter, 30)).isEqualTo(2);
    assertThat(limiter.instances()).isEqualTo(5);
    limiter.close();
  }

  @Test
  void whileRedisIsDown_callsDoNotTouchRedis() {
    RedisTokenLimiter limiter = limiter(5, 10);
    limiter.allow();
    int callsAfterFirstFailure = failing.calls.get();

    countGrants(limiter, 50);
    limiter.allowAsync().toCompletableFuture().join();

    // only the probe touches Redis, through the escape hatch, which is not counted
    assertThat(failing.calls.get()).isEqualTo(callsAfterFirstFailure);
    limiter.close();
  }

  @Test
  void allowAsync_fallsBackWithoutCompletingExceptionally() {
    RedisTokenLimiter limiter = limiter(5, 10);

    assertThat(limiter.allowAsync(10).toCompletableFuture().join()).isTrue();
    assertThat(limiter.allowAsync().toCompletableFuture().join()).isFalse();
    limiter.close();
  }

  @Test
  void negativePermits_areRejected_andNoopAllowsAll() {
    RedisTokenLimiter limiter = limiter(5, 10);

    assertThatThrownBy(() -> limiter.allow(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n: -1 (expected: >= 0)");
    assertThat(TokenLimiter.noop().allow(1_000_000)).isTrue();
    limiter.close();
  }

  @Test
  void builder_validates() {
    assertThatThrownBy(() -> TokenLimiter.builder(failing.redis, "k").rate(0))
        .hasMessage("rate: 0 (expected: > 0)");
    assertThatThrownBy(() -> TokenLimiter.builder(failing.redis, "k").burst(-1))
        .hasMessage("burst: -1 (expected: > 0)");
    assertThatThrownBy(() -> TokenLimiter.builder(failing.redis, "").rate(1))
        .hasMessage("key: \"\" (expected: non-empty)");
    assertThatThrownBy(() -> TokenLimiter.builder(failing.redis, "k").rate(1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("burst must be set");
  }

  private static int countGrants(TokenLimiter limiter, int calls) {
    int granted = 0;
    for (int i = 0; i < calls; i++) {
      if (limiter.allow()) {
        granted++;
      }
    }
    return granted;
  }
}
