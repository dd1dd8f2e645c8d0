package io.github.zero4j.stores.cache;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.stores.redis.RedisConf;

/**
 * One node of a cache cluster: go-zero's {@code cache.NodeConf}, a {@link RedisConf} plus a weight.
 * A go-zero {@code CacheConf} (a list of them) binds to {@code List<CacheNodeConf>}:
 *
 * <pre>{@code
 * Cache:
 *   - Host: 10.0.0.1:6379
 *   - Host: 10.0.0.2:6379
 *     Weight: 50
 * }</pre>
 *
 * @param redis the node's Redis
 * @param weight its share of the ring in percent, 1..100 (larger values count as 100); default 100
 */
public record CacheNodeConf(@Inline RedisConf redis, @Default("100") int weight) {

  /** go-zero's default {@code Weight}. */
  public static final int DEFAULT_WEIGHT = 100;

  public CacheNodeConf {
    requireNonNull(redis, "redis");
    if (weight < 0) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
    }
  }

  /** A node on {@code host} with the default weight. */
  public static CacheNodeConf of(String host) {
    return new CacheNodeConf(RedisConf.node(host), DEFAULT_WEIGHT);
  }
}
