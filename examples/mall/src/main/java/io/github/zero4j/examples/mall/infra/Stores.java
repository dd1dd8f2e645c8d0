package io.github.zero4j.examples.mall.infra;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.cache.CacheNodeConf;
import io.github.zero4j.stores.limit.PeriodLimiter;
import io.github.zero4j.stores.limit.TokenLimiter;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Chooses Redis or its in-process stand-in from a service's configuration: a {@code CacheRedis}
 * list gives a Redis cache (one node, or go-zero's consistent-hash ring), an empty one {@code
 * Cache.local()}; a {@code Redis} entry gives zero-stores' Redis token and period limiters, none
 * the in-process ones of this package. Whatever is returned is the caller's to close (limiters and
 * caches before the Redis client they use).
 */
public final class Stores {
  private Stores() {}

  /** A Redis client when {@code conf} is present. */
  public static Optional<Redis> redis(Optional<RedisConf> conf) {
    return conf.map(Redis::create);
  }

  /**
   * A cache named {@code name} on the {@code CacheRedis} nodes (the cache creates and closes their
   * clients), or, when there are none, the process's in-process cache of that name: instances of
   * one service in one process (the embedded mall's three user-rpc) share it as they would share
   * Redis, and it is closed with its last user.
   */
  public static Cache cache(List<CacheNodeConf> nodes, String name) {
    requireNonNull(nodes, "nodes");
    requireNonNull(name, "name");
    return nodes.isEmpty() ? LocalCaches.acquire(name) : Cache.builder(nodes).name(name).build();
  }

  /**
   * A token limiter on {@code key}: zero-stores' Redis limiter (shared by every instance, with its
   * in-process rescue while Redis is down) when there is a Redis client, else an in-process bucket.
   */
  public static TokenLimiter tokenLimiter(Optional<Redis> redis, String key, TokenLimitConf conf) {
    requireNonNull(key, "key");
    requireNonNull(conf, "conf");
    return redis
        .map(r -> TokenLimiter.builder(r, key).rate(conf.rate()).burst(conf.burst()).build())
        .orElseGet(() -> new LocalTokenLimiter(key, conf, Ticker.system()));
  }

  /**
   * A period limiter whose keys are {@code keyPrefix + key}: zero-stores' Redis limiter when there
   * is a Redis client (no fallback: Redis failures throw), else an in-process one.
   */
  public static PeriodLimiter periodLimiter(
      Optional<Redis> redis, String keyPrefix, PeriodLimitConf conf) {
    requireNonNull(keyPrefix, "keyPrefix");
    requireNonNull(conf, "conf");
    return redis
        .map(
            r ->
                PeriodLimiter.builder(r, keyPrefix)
                    .period(Duration.ofSeconds(conf.period()))
                    .quota(conf.quota())
                    .align(conf.align())
                    .build())
        .orElseGet(
            () ->
                new LocalPeriodLimiter(
                    keyPrefix,
                    conf,
                    Ticker.system(),
                    InstantSource.system(),
                    ZoneId.systemDefault()));
  }
}
