package io.github.zero4j.stores.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fallback, against a private redis-server that is killed and restarted. */
class TokenLimiterFaultIT {

  @Test
  void redisDown_localBucketAnswersAtRateOverInstances_andRedisIsUsedAgainAfterRestart()
      throws InterruptedException {
    FakeTicker ticker = new FakeTicker();
    try (RedisServer server = RedisServer.create().start();
        Redis redis =
            Redis.builder(RedisConf.node(server.hostAndPort()))
                .timeout(Duration.ofSeconds(1))
                .build();
        RedisTokenLimiter a = limiter(redis, ticker);
        RedisTokenLimiter b = limiter(redis, ticker)) {
      TokenLimiterIT.awaitInstances(a, 2);
      TokenLimiterIT.awaitInstances(b, 2);
      assertThat(a.allow()).isTrue();

      server.kill();

      // rate 10, burst 10, two live instances: each falls back to 5 tokens, 5 per second
      int granted = TokenLimiterIT.countGrants(a, 30);
      assertThat(a.usingRedis()).isFalse();
      assertThat(granted).isEqualTo(5);
      ticker.advance(Duration.ofSeconds(1));
      assertThat(TokenLimiterIT.countGrants(a, 30)).isEqualTo(5);
      assertThat(a.allowAsync().toCompletableFuture().join()).isFalse();

      server.restart();
      long restarted = System.nanoTime();
      long deadline = restarted + Duration.ofSeconds(5).toNanos();
      while (!a.usingRedis() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Duration back = Duration.ofNanos(System.nanoTime() - restarted);

      assertThat(a.usingRedis()).isTrue();
      assertThat(back).isLessThan(Duration.ofSeconds(1));
      assertThat(a.allow()).isTrue(); // the restarted Redis is empty: a full bucket
      assertThat(redis.get(RedisTokenLimiter.tokensKey("fault"))).contains("9");
    }
  }

  private static RedisTokenLimiter limiter(Redis redis, FakeTicker ticker) {
    return (RedisTokenLimiter)
        TokenLimiter.builder(redis, "fault")
            .rate(10)
            .burst(10)
            .ticker(ticker)
            .heartbeat(Duration.ofMillis(50))
            .build();
  }
}
