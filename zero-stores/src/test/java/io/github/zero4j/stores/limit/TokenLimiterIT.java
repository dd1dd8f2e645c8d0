package io.github.zero4j.stores.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.testing.LocalServices;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenLimiterIT {
  private static Redis redis;
  private final String key = "zero4j:it:token:" + UUID.randomUUID();
  private final AtomicLong now = new AtomicLong(1000);
  private final InstantSource clock = () -> Instant.ofEpochSecond(now.get());
  private final List<TokenLimiter> limiters = new ArrayList<>();

  @BeforeAll
  static void connect() {
    redis = Redis.create(RedisConf.node(LocalServices.redis()));
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @AfterEach
  void cleanUp() {
    limiters.forEach(TokenLimiter::close);
    redis.del(
        RedisTokenLimiter.tokensKey(key),
        RedisTokenLimiter.timestampKey(key),
        RedisTokenLimiter.instancesKey(key));
  }

  private TokenLimiter limiter(int rate, int burst) {
    TokenLimiter limiter =
        TokenLimiter.builder(redis, key).rate(rate).burst(burst).clock(clock).build();
    limiters.add(limiter);
    return limiter;
  }

  @Test
  void rate5Burst10_grantsExactly10_then5PerSecond() {
    TokenLimiter limiter = limiter(5, 10);

    assertThat(countGrants(limiter, 30)).isEqualTo(10);
    now.incrementAndGet();
    assertThat(countGrants(limiter, 30)).isEqualTo(5);
    now.incrementAndGet();
    assertThat(countGrants(limiter, 30)).isEqualTo(5);
    now.addAndGet(10); // idle for long: back to the burst, not more
    assertThat(countGrants(limiter, 30)).isEqualTo(10);
  }

  @Test
  void storedKeysAndTtls_matchGoZero() {
    TokenLimiter limiter = limiter(5, 10);

    countGrants(limiter, 11); // 10 allowed, then one denied

    // reference §2.1 (verified on Redis 7): tokens "0", TTL floor(2 * 10 / 5) = 4, ts "1000"
    assertThat(redis.get(RedisTokenLimiter.tokensKey(key))).contains("0");
    assertThat(redis.get(RedisTokenLimiter.timestampKey(key))).contains("1000");
    assertThat(redis.ttl(RedisTokenLimiter.tokensKey(key))).isEqualTo(4);
    assertThat(redis.ttl(RedisTokenLimiter.timestampKey(key))).isEqualTo(4);
  }

  @Test
  void partialTokens_areStoredAsGoZeroWritesThem() {
    TokenLimiter limiter = limiter(3, 4); // ttl floor(8 / 3) = 2

    assertThat(limiter.allow(3)).isTrue();

    assertThat(redis.get(RedisTokenLimiter.tokensKey(key))).contains("1");
    assertThat(redis.ttl(RedisTokenLimiter.tokensKey(key))).isEqualTo(2);
  }

  @Test
  void deniedCalls_stillRewriteTimestampAndTtl() {
    TokenLimiter limiter = limiter(1, 1);
    assertThat(limiter.allow()).isTrue();
    redis.expire(RedisTokenLimiter.timestampKey(key), Duration.ofSeconds(100));

    assertThat(limiter.allow()).isFalse();

    assertThat(redis.ttl(RedisTokenLimiter.timestampKey(key))).isEqualTo(2);
  }

  @Test
  void ttl_isClampedToOneSecond_whenTwiceBurstIsBelowRate() {
    // go-zero: floor(2 * 10 / 100) = 0 -> SETEX error -> silent per-instance fallback
    RedisTokenLimiter limiter = (RedisTokenLimiter) limiter(100, 10);

    assertThat(countGrants(limiter, 20)).isEqualTo(10);

    assertThat(limiter.usingRedis()).isTrue();
    assertThat(redis.ttl(RedisTokenLimiter.tokensKey(key))).isEqualTo(1);
  }

  @Test
  void timestamp_neverMovesBackwards() {
    TokenLimiter limiter = limiter(5, 10);
    countGrants(limiter, 10);

    now.set(999); // a late or skewed caller
    assertThat(limiter.allow()).isFalse();

    assertThat(redis.get(RedisTokenLimiter.timestampKey(key))).contains("1000");
    now.set(1001);
    assertThat(countGrants(limiter, 30)).isEqualTo(5);
  }

  @Test
  void allowN_takesNTokens_andNeverMoreThanBurst() {
    TokenLimiter limiter = limiter(5, 10);

    assertThat(limiter.allow(11)).isFalse();
    assertThat(limiter.allow(7)).isTrue();
    assertThat(limiter.allow(4)).isFalse();
    assertThat(limiter.allow(3)).isTrue();
    assertThat(limiter.allow(0)).isTrue();
    assertThat(limiter.allow()).isFalse();
  }

  @Test
  void concurrentCallers_shareExactlyTheBurst() throws Exception {
    TokenLimiter limiter = limiter(5, 50);
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return countGrants(limiter, 10);
                }));
      }
      start.countDown();
      int granted = 0;
      for (Future<Integer> f : results) {
        granted += f.get();
      }
      assertThat(granted).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void allowAsync_64InFlight_grantExactlyTheBurst() {
    TokenLimiter limiter = limiter(5, 20);
    List<CompletableFuture<Boolean>> calls = new ArrayList<>();

    for (int i = 0; i < 64; i++) {
      calls.add(limiter.allowAsync().toCompletableFuture());
    }

    assertThat(calls.stream().filter(CompletableFuture::join).count()).isEqualTo(20);
  }

  @Test
  void scriptFlush_isRecoveredWithEval() {
    RedisTokenLimiter limiter = (RedisTokenLimiter) limiter(5, 10);
    assertThat(limiter.allow()).isTrue();

    redis.lettuce().scriptFlush();

    assertThat(countGrants(limiter, 20)).isEqualTo(9);
    assertThat(limiter.usingRedis()).isTrue();
  }

  @Test
  void heartbeats_countLiveInstances_andCloseLeaves() throws InterruptedException {
    RedisTokenLimiter a = heartbeating();
    RedisTokenLimiter b = heartbeating();

    awaitInstances(a, 2);
    awaitInstances(b, 2);
    String instances = RedisTokenLimiter.instancesKey(key);
    assertThat(redis.lettuce().zcard(instances)).isEqualTo(2);
    assertThat(redis.lettuce().pttl(instances)).isBetween(1L, 150L);

    b.close();
    awaitInstances(a, 1);
    assertThat(redis.lettuce().zcard(instances)).isEqualTo(1);
  }

  private RedisTokenLimiter heartbeating() {
    RedisTokenLimiter limiter =
        (RedisTokenLimiter)
            TokenLimiter.builder(redis, key)
                .rate(10)
                .burst(10)
                .clock(clock)
                .heartbeat(Duration.ofMillis(50))
                .build();
    limiters.add(limiter);
    return limiter;
  }

  static void awaitInstances(RedisTokenLimiter limiter, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (limiter.instances() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(limiter.instances()).isEqualTo(expected);
  }

  static int countGrants(TokenLimiter limiter, int calls) {
    int granted = 0;
    for (int i = 0; i < calls; i++) {
      if (limiter.allow()) {
        granted++;
      }
    }
    return granted;
  }
}
