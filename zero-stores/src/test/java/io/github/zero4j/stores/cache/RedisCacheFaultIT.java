package io.github.zero4j.stores.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.timex.FakeTicker;
import io.github.zero4j.stores.cache.CacheContract.User;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.testing.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures and clusters, on private redis-servers. */
class RedisCacheFaultIT {
  @RegisterExtension static final RedisServer server = RedisServer.create();
  @RegisterExtension static final RedisServer second = RedisServer.create();
  @RegisterExtension static final RedisServer third = RedisServer.create();

  private static final Duration AWAIT = Duration.ofSeconds(20);

  @Test
  void redisDown_takeFailsFastWithoutQueryingTheDatabase() {
    RedisServer own = RedisServer.create().start();
    try (Redis redis = Redis.create(RedisConf.node(own.hostAndPort()));
        Cache cache =
            Cache.builder(redis).statLog(false).meterRegistry(new SimpleMeterRegistry()).build()) {
      cache.set("k", new User(1, "a"));
      own.kill();
      AtomicInteger loads = new AtomicInteger();

      for (int i = 0; i < 20; i++) {
        assertThatThrownBy(
                () ->
                    cache.take(
                        "k",
                        User.class,
                        () -> {
                          loads.incrementAndGet();
                          return Optional.of(new User(1, "db"));
                        }))
            .isInstanceOfAny(CacheException.class, BreakerOpenException.class)
            .satisfies(
                e -> {
                  if (e instanceof CacheException) {
                    assertThat(e)
                        .hasMessageContaining("the database was not queried")
                        .hasMessageContaining(own.hostAndPort());
                  }
                });
      }

      assertThat(loads).hasValue(0);
    } finally {
      own.close();
    }
  }

  @Test
  void failedDelete_isRetriedOnTheTimingWheel() {
    FakeTicker ticker = new FakeTicker();
    // No breaker: this test is about the retry schedule, not about throttling a sick Redis.
    try (Redis redis =
            Redis.builder(RedisConf.node(server.hostAndPort())).breaker(Breaker.noop()).build();
        DefaultCache cache =
            Cache.builder(redis)
                .statLog(false)
                .meterRegistry(new SimpleMeterRegistry())
                .ticker(ticker)
                .buildDefault()) {
      String key = "zs:retry:user:1";
      cache.set(key, new User(1, "old"));
      server.kill();

      cache.del(key); // fails: scheduled 1 s later
      DeleteRetrier retrier = cache.retrier();
      assertThat(retrier.pending()).isEqualTo(1);

      ticker.advance(Duration.ofSeconds(1));
      awaitTrue(() -> retrier.attempts() == 1 && retrier.pending() == 1); // re-armed 5 s later
      ticker.advance(Duration.ofSeconds(4));
      ticker.advance(Duration.ofSeconds(1));
      awaitTrue(() -> retrier.attempts() == 2 && retrier.pending() == 1); // re-armed: 1 min

      server.restart();
      awaitTrue(redis::ping);
      redis.setex(key, "{\"id\":1,\"name\":\"stale\"}", Duration.ofMinutes(5));
      ticker.advance(Duration.ofMinutes(1));

      awaitTrue(() -> retrier.attempts() == 3 && redis.get(key).isEmpty());
      assertThat(redis.get(key)).isEmpty();
    }
  }

  @Test
  void failedDelete_givesUpAfterTheHourWithAnAlert() {
    FakeTicker ticker = new FakeTicker();
    List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    RedisServer own = RedisServer.create().start();
    try (Redis redis =
            Redis.builder(RedisConf.node(own.hostAndPort())).breaker(Breaker.noop()).build();
        DefaultCache cache =
            Cache.builder(redis)
                .statLog(false)
                .meterRegistry(new SimpleMeterRegistry())
                .ticker(ticker)
                .alerts(
                    message -> {
                      alerts.add(message);
                      return true;
                    })
                .buildDefault()) {
      own.kill();
      cache.del("zs:retry:gone");
      DeleteRetrier retrier = cache.retrier();

      List<Duration> steps =
          List.of(
              Duration.ofSeconds(1),
              Duration.ofSeconds(5),
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              Duration.ofHours(1));
      for (int i = 0; i < steps.size(); i++) {
        int attempt = i + 1;
        ticker.advance(steps.get(i));
        // Wait for the re-arm too, so the next advance counts from the new timer.
        boolean last = attempt == steps.size();
        awaitTrue(() -> retrier.attempts() == attempt && (last || retrier.pending() == 1));
      }

      awaitTrue(() -> !alerts.isEmpty());
      assertThat(alerts)
          .containsExactly("retried but failed to clear cache with keys: [zs:retry:gone]");
      assertThat(retrier.pending()).isZero();
    } finally {
      own.close();
    }
  }

  @Test
  void cluster_placesKeysOnTheRingNodeAsGoZero() {
    List<RedisServer> servers = List.of(server, second, third);
    for (RedisServer s : servers) {
      if (!s.isRunning()) {
        s.restart();
      }
    }
    Map<String, Redis> clients = new LinkedHashMap<>();
    for (RedisServer s : servers) {
      clients.put(s.hostAndPort(), Redis.create(RedisConf.node(s.hostAndPort())));
    }
    try (Cache cache =
        Cache.clusterBuilder(new ArrayList<>(clients.values()))
            .statLog(false)
            .meterRegistry(new SimpleMeterRegistry())
            .build()) {
      Map<String, String> byRepr = new LinkedHashMap<>();
      clients.keySet().forEach(h -> byRepr.put(h, h));
      ConsistentHash<String> goRing = ConsistentHash.of(byRepr);
      Map<String, Integer> perNode = new LinkedHashMap<>();

      for (int i = 0; i < 300; i++) {
        String key = "zs:ring:" + i;
        cache.set(key, new User(i, "u" + i));
        String node = goRing.get(key);
        perNode.merge(node, 1, Integer::sum);
        assertThat(java.util.Objects.requireNonNull(clients.get(node)).get(key))
            .as(key)
            .isPresent();
        for (Map.Entry<String, Redis> other : clients.entrySet()) {
          if (!other.getKey().equals(node)) {
            assertThat(other.getValue().exists(key)).as(key).isFalse();
          }
        }
        assertThat(cache.get(key, User.class)).contains(new User(i, "u" + i));
      }

      assertThat(perNode).hasSize(3);
      assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isGreaterThan(50));
      cache.del("zs:ring:1", "zs:ring:2", "zs:ring:3");
      assertThat(cache.get("zs:ring:2", User.class)).isEmpty();
    } finally {
      clients.values().forEach(Redis::close);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + AWAIT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
