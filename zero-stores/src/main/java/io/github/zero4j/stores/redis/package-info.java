/**
 * A Redis client for a single node or a Redis Cluster, built on Lettuce with go-zero's guards: one
 * circuit breaker per client, a slow-command log, go-zero's metric names, and a Lua {@link
 * io.github.zero4j.stores.redis.Script} helper that runs EVALSHA and falls back to EVAL.
 *
 * <p>Entry point: {@link io.github.zero4j.stores.redis.Redis#create(RedisConf)}.
 */
@NullMarked
package io.github.zero4j.stores.redis;

import org.jspecify.annotations.NullMarked;
