package io.github.zero4j.stores.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.testing.LocalServices;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Cache contract on the machine's Redis, plus what Go services see in the keys. */
class RedisCacheIT extends CacheContract {
  private static Redis redis;

  @BeforeAll
  static void connect() {
    redis = Redis.create(RedisConf.node(LocalServices.redis()));
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Override
  CacheBuilder newBuilder() {
    return Cache.builder(redis);
  }

  @Override
  String key(String suffix) {
    return "zs:cacheit:" + suffix;
  }

  @Test
  void placeholder_isAStarWithATtlOf57To63Seconds() {
    DefaultCache cache = open(true);
    String key = key("placeholder");
    cache.del(key);

    assertThat(cache.take(key, User.class, Optional::empty)).isEmpty();

    assertThat(redis.get(key)).contains("*");
    assertThat(redis.ttl(key)).isBetween(57L, 63L);
  }

  @Test
  void placeholder_neverOverwritesAValueWrittenMeanwhile() {
    DefaultCache cache = open(true);
    String key = key("placeholder-nx");
    cache.del(key);

    Optional<User> result =
        cache.take(
            key,
            User.class,
            () -> {
              redis.setex(key, "{\"id\":5,\"name\":\"by-others\"}", Duration.ofMinutes(1));
              return Optional.empty();
            });

    assertThat(result).isEmpty();
    assertThat(redis.get(key)).contains("{\"id\":5,\"name\":\"by-others\"}");
  }

  @Test
  void values_arePlainJsonWithSevenDaysPlusMinusFivePercent() {
    DefaultCache cache = open(true);
    String key = key("json");
    cache.del(key);

    cache.take(key, User.class, () -> Optional.of(new User(1, "<ann & co>")));

    assertThat(redis.get(key)).contains("{\"id\":1,\"name\":\"<ann & co>\"}");
    long week = Duration.ofDays(7).toSeconds();
    assertThat(redis.ttl(key)).isBetween((long) (week * 0.95) - 1, (long) Math.ceil(week * 1.05));
  }

  @Test
  void goWrittenValues_areRead() {
    DefaultCache cache = open(true);
    String key = key("from-go");
    redis.setex(key, "{\"id\":2,\"name\":\"go\",\"Extra\":true}", Duration.ofMinutes(1));

    assertThat(cache.take(key, User.class, Optional::empty)).contains(new User(2, "go"));
  }

  @Test
  void lease_isRevokedByDelAndSetAndDroppedByItsFill() {
    RedisStore store = new RedisStore(redis, false, true, Duration.ofMinutes(1));
    String key = key("lease");
    store.del(java.util.List.of(key));

    String first = store.lease(key);
    assertThat(store.lease(key)).as("shared while held").isEqualTo(first);
    store.del(java.util.List.of(key));
    assertThat(redis.exists(RedisStore.leaseKey(key))).isFalse();
    assertThat(store.fill(key, first, "\"v\"", 60, false)).isFalse();

    String second = store.lease(key);
    assertThat(second).isNotEqualTo(first);
    store.set(key, "\"set\"", 60);
    assertThat(store.fill(key, second, "\"v\"", 60, false)).isFalse();
    assertThat(redis.get(key)).contains("\"set\"");

    store.del(java.util.List.of(key));
    String third = store.lease(key);
    assertThat(store.fill(key, third, "\"v\"", 60, false)).isTrue();
    assertThat(redis.exists(RedisStore.leaseKey(key))).isFalse();
    assertThat(redis.get(key)).contains("\"v\"");
  }

  @Test
  void leaseKey_sharesTheValueKeysHashTag() {
    assertThat(RedisStore.leaseKey("cache:user:id:1")).isEqualTo("{cache:user:id:1}:lease");
    assertThat(RedisStore.leaseKey("cache:{user}:id:1")).isEqualTo("cache:{user}:id:1:lease");
  }
}
