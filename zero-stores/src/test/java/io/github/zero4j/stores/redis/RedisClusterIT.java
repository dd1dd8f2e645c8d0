package io.github.zero4j.stores.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.testing.RedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisClusterIT {
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
  void commands_reachTheNodeOwningEachKey() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String key = "k" + i;
      keys.add(key);
      redis.setex(key, "v" + i, Duration.ofMinutes(1));
    }

    for (int i = 0; i < 30; i++) {
      assertThat(redis.get("k" + i)).contains("v" + i);
    }
    assertThat(redis.incr("counter")).isEqualTo(1);
    assertThat(redis.hset("hash", "f", "v")).isTrue();
    assertThat(redis.ping()).isTrue();
    // keys in many slots, deleted slot by slot
    assertThat(redis.del(keys.toArray(new String[0]))).isEqualTo(30);
  }

  @Test
  void scripts_runOnTheSlotOfTheirHashTaggedKeys() {
    Script script =
        Script.of(
            "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]);"
                + " return redis.call('GET', KEYS[2])");

    for (String tag : List.of("a", "b", "c", "d", "e")) {
      List<String> keys = List.of("{" + tag + "}.x", "{" + tag + "}.y");
      assertThat(redis.eval(script, keys, List.of(tag)).asString()).isEqualTo(tag);
    }
    redis.lettuce().scriptFlush();
    assertThat(redis.eval(script, List.of("{f}.x", "{f}.y"), List.of("f")).asString())
        .isEqualTo("f");
  }
}
