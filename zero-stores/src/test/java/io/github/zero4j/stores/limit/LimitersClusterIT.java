package io.github.zero4j.stores.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.testing.RedisCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LimitersClusterIT {
  private static RedisCluster cluster;
  private static Redis redis;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.create(3).start();
    redis = Redis.create(RedisConf.cluster(cluster.hosts()));
  }

  @AfterAll
  static void stop() {
    redis.close();
    cluster.close();
  }

  @Test
  void tokenLimiters_onKeysInEverySlotRange_workThroughHashTags() throws InterruptedException {
    for (String key : List.of("a", "b", "c", "orders", "sms", "x:y")) {
      try (RedisTokenLimiter limiter =
          (RedisTokenLimiter)
              TokenLimiter.builder(redis, key)
                  .rate(5)
                  .burst(10)
                  .clock(() -> Instant.ofEpochSecond(1000))
                  .heartbeat(Duration.ofMillis(50))
                  .build()) {
        assertThat(TokenLimiterIT.countGrants(limiter, 20)).isEqualTo(10);
        assertThat(limiter.usingRedis()).isTrue();
        assertThat(redis.get(RedisTokenLimiter.tokensKey(key))).contains("0");
        TokenLimiterIT.awaitInstances(limiter, 1);
        assertThat(redis.exists(RedisTokenLimiter.instancesKey(key))).isTrue();
      }
    }
  }

  @Test
  void periodLimiter_worksOnAnyNode() {
    PeriodLimiter limiter =
        PeriodLimiter.builder(redis, "period:").period(Duration.ofSeconds(30)).quota(2).build();

    for (String key : List.of("a", "b", "c", "d")) {
      assertThat(limiter.take(key)).isEqualTo(PeriodResult.ALLOWED);
      assertThat(limiter.take(key)).isEqualTo(PeriodResult.HIT_QUOTA);
      assertThat(limiter.take(key)).isEqualTo(PeriodResult.OVER_QUOTA);
    }
  }
}
