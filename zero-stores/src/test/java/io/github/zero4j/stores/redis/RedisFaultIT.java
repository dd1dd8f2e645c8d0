package io.github.zero4j.stores.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.testing.FreePorts;
import io.github.zero4j.testing.RedisServer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Fault tests: each owns a private redis-server and kills it. */
class RedisFaultIT {

  @Test
  void breakerOpens_whenRedisIsDown_andCallsFailFast() {
    try (RedisServer server = RedisServer.create().start();
        Redis redis = Redis.create(RedisConf.node(server.hostAndPort()))) {
      redis.set("k", "v");
      server.kill();

      int redisErrors = 0;
      BreakerOpenException open = null;
      for (int i = 0; i < 1000 && open == null; i++) {
        try {
          redis.get("k");
        } catch (RedisException e) {
          redisErrors++;
        } catch (BreakerOpenException e) {
          open = e;
        }
      }

      assertThat(redisErrors).isPositive();
      assertThat(open).isNotNull();
      assertThat(java.util.Objects.requireNonNull(open).breakerName())
          .isEqualTo("redis://" + server.hostAndPort());
      assertThat(redis.breakerName()).isEqualTo("redis://" + server.hostAndPort());
      assertThat(redis.ping()).isFalse();
      assertThatThrownBy(() -> redis.getAsync("k").join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void downServer_failsWithConnectionError_notATimeout() {
    try (RedisServer server = RedisServer.create().start();
        Redis redis =
            Redis.builder(RedisConf.node(server.hostAndPort()))
                .timeout(Duration.ofSeconds(30))
                .build()) {
      redis.set("k", "v");
      server.kill();

      long start = System.nanoTime();
      assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisException.class);
      // rejected while disconnected rather than queued until the 30 s timeout
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void reconnects_afterRestart() throws InterruptedException {
    try (RedisServer server = RedisServer.create().start();
        Redis redis = Redis.create(RedisConf.node(server.hostAndPort()))) {
      redis.set("k", "v");
      server.kill();
      assertThat(redis.ping()).isFalse();
      server.restart();

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      boolean back = false;
      while (!back && System.nanoTime() < deadline) {
        back = redis.lettuceAsync().ping().toCompletableFuture().handle((r, e) -> e == null).join();
        if (!back) {
          Thread.sleep(20);
        }
      }
      assertThat(back).isTrue();
      assertThat(redis.get("k")).isEmpty(); // nothing was persisted
    }
  }

  @Test
  void nonBlockFalse_failsAtCreate_whenNothingListens() {
    int port = FreePorts.next();
    RedisConf conf = RedisConf.node("127.0.0.1:" + port).withNonBlock(false);

    assertThatThrownBy(() -> Redis.create(conf))
        .isInstanceOf(RedisException.class)
        .hasMessageStartingWith("redis ping: ");
  }

  @Test
  void nonBlockTrue_createsWhileDown_andConnectsOnFirstUse() {
    try (RedisServer server = RedisServer.create()) {
      Redis redis = Redis.create(RedisConf.node(server.hostAndPort()));
      try {
        assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisException.class);
        server.start();

        redis.set("k", "v");
        assertThat(redis.get("k")).contains("v");
      } finally {
        redis.close();
      }
    }
  }
}
