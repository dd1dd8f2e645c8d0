package io.github.zero4j.stores.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.stores.redis.RedisException;
import io.github.zero4j.testing.LocalServices;
import io.github.zero4j.testing.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PeriodLimiterIT {
  private static Redis redis;
  private final String prefix = "zero4j:it:period:" + UUID.randomUUID() + ":";

  @BeforeAll
  static void connect() {
    redis = Redis.create(RedisConf.node(LocalServices.redis()));
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @Test
  void quota5_gives4Allowed_1HitQuota_thenOverQuota() {
    PeriodLimiter limiter =
        PeriodLimiter.builder(redis, prefix).period(Duration.ofSeconds(60)).quota(5).build();
    Map<PeriodResult, Integer> counts = new EnumMap<>(PeriodResult.class);

    for (int i = 0; i < 100; i++) {
      counts.merge(limiter.take("k"), 1, Integer::sum);
    }

    assertThat(counts)
        .containsEntry(PeriodResult.ALLOWED, 4)
        .containsEntry(PeriodResult.HIT_QUOTA, 1)
        .containsEntry(PeriodResult.OVER_QUOTA, 95);
    // the counter keeps counting past the quota; the TTL was set once, on the first hit
    assertThat(redis.get(prefix + "k")).contains("100");
    assertThat(redis.ttl(prefix + "k")).isBetween(59L, 60L);
    redis.del(prefix + "k");
  }

  @Test
  void quota1_firstCallIsHitQuota() {
    PeriodLimiter limiter =
        PeriodLimiter.builder(redis, prefix).period(Duration.ofSeconds(10)).quota(1).build();

    assertThat(limiter.take("one")).isEqualTo(PeriodResult.HIT_QUOTA);
    assertThat(limiter.takeAsync("one").toCompletableFuture().join())
        .isEqualTo(PeriodResult.OVER_QUOTA);
    redis.del(prefix + "one");
  }

  @Test
  void keys_arePrefixPlusKey_withoutSeparatorOrHashTag() {
    PeriodLimiter limiter =
        PeriodLimiter.builder(redis, prefix).period(Duration.ofSeconds(10)).quota(3).build();

    limiter.take("user:7");

    assertThat(redis.exists(prefix + "user:7")).isTrue();
    redis.del(prefix + "user:7");
  }

  @Test
  void align_setsTtlToTheRestOfTheLocalPeriod() {
    // 10:15:00 in UTC+8 is 02:15:00 UTC; an hour period aligned in UTC+8 has 45 min left
    Instant at = Instant.parse("2026-01-01T02:15:00Z");
    PeriodLimiter limiter =
        PeriodLimiter.builder(redis, prefix)
            .period(Duration.ofHours(1))
            .quota(5)
            .align(true)
            .clock(() -> at)
            .zone(ZoneOffset.ofHours(8))
            .build();

    assertThat(limiter.take("aligned")).isEqualTo(PeriodResult.ALLOWED);

    assertThat(redis.ttl(prefix + "aligned")).isBetween(2699L, 2700L);
    redis.del(prefix + "aligned");
  }

  @Test
  void align_dayPeriod_resetsAtLocalMidnight() {
    // 23:00 local in UTC-5 = 04:00 UTC next day; one hour to local midnight
    Instant at = Instant.parse("2026-03-02T04:00:00Z");
    PeriodLimiter limiter =
        PeriodLimiter.builder(redis, prefix)
            .period(Duration.ofDays(1))
            .quota(5)
            .align(true)
            .clock(() -> at)
            .zone(ZoneOffset.ofHours(-5))
            .build();

    limiter.take("day");

    assertThat(redis.ttl(prefix + "day")).isBetween(3599L, 3600L);
    redis.del(prefix + "day");
  }

  @Test
  void redisDown_surfacesTheError_noFallback() {
    try (RedisServer server = RedisServer.create().start();
        Redis down = Redis.create(RedisConf.node(server.hostAndPort()))) {
      PeriodLimiter limiter =
          PeriodLimiter.builder(down, "p:").period(Duration.ofSeconds(1)).quota(5).build();
      assertThat(limiter.take("k")).isEqualTo(PeriodResult.ALLOWED);
      server.kill();

      assertThatThrownBy(() -> limiter.take("k")).isInstanceOf(RedisException.class);
      assertThatThrownBy(() -> limiter.takeAsync("k").toCompletableFuture().join())
          .hasCauseInstanceOf(RuntimeException.class);
    }
  }
}
