package io.github.zero4j.stores.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Redis client for one node or a Redis Cluster (go-zero's {@code *redis.Redis}), on one
 * multiplexed Lettuce connection.
 *
 * <pre>{@code
 * try (Redis redis = Redis.create(RedisConf.node("127.0.0.1:6379"))) {
 *   redis.setex("user:1", json, Duration.ofMinutes(5));
 *   Optional<String> cached = redis.get("user:1");
 *   redis.getAsync("user:2").thenAccept(v -> ...);
 * }
 * }</pre>
 *
 * <p><b>Guards.</b> Every wrapped command goes through the client's circuit breaker (one per {@code
 * Redis}, go-zero's Google-SRE breaker): server errors, timeouts and connection failures count as
 * failures; nil replies are plain results and cancellations count as successes. A dropped command
 * throws {@link io.github.zero4j.core.breaker.BreakerOpenException} (sync) or completes with it
 * (async). Commands slower than {@link RedisBuilder#DEFAULT_SLOW_THRESHOLD} are logged at WARN as
 * go-zero does ({@code [REDIS] slowcall on executing: get user:1}), and durations, errors and slow
 * calls are recorded under go-zero's metric names ({@code redis_client_requests_duration_ms},
 * {@code redis_client_requests_error_total}, {@code redis_client_requests_slow_total}). Other
 * failures throw {@link RedisException}.
 *
 * <p><b>Sync and async.</b> Each command has a blocking form and an {@code *Async} form returning a
 * {@link CompletableFuture}. Futures complete on Lettuce's I/O threads: do not block in their
 * callbacks (use the {@code *Async(fn, executor)} stages for slow work). Cancelling a returned
 * future does not recall a command already sent. Blocking forms park the calling thread, which is
 * cheap on virtual threads.
 *
 * <p><b>Escape hatch.</b> {@link #lettuce()} and {@link #lettuceAsync()} expose Lettuce's command
 * API for anything not wrapped here; those calls <em>bypass the breaker, the slow log and the
 * metrics</em>.
 *
 * <p>Thread-safe: share one instance per Redis deployment and {@link #close()} it at shutdown.
 */
public interface Redis extends AutoCloseable {

  /** A client with the default guards ({@link RedisBuilder}'s defaults). */
  static Redis create(RedisConf conf) {
    return builder(conf).build();
  }

  /** A builder to change the breaker, timeouts, slow threshold or metrics registry. */
  static RedisBuilder builder(RedisConf conf) {
    return new RedisBuilder(conf);
  }

  /** The configuration this client was built from. */
  RedisConf conf();

  /** The name of this client's circuit breaker, {@code redis://<host>} unless one was given. */
  String breakerName();

  /**
   * Sends {@code PING}; {@code true} iff Redis answered {@code PONG}. Never throws for Redis
   * failures (go-zero's {@code Ping}); the breaker may still drop it, which reads {@code false}.
   */
  boolean ping();

  /** {@link #ping()}, asynchronously; the future never completes exceptionally. */
  CompletableFuture<Boolean> pingAsync();

  /** {@code GET key}; empty when the key does not exist. */
  Optional<String> get(String key);

  /** {@link #get(String)}, asynchronously. */
  CompletableFuture<Optional<String>> getAsync(String key);

  /** {@code SET key value} (no expiry). */
  void set(String key, String value);

  /** {@link #set(String, String)}, asynchronously. */
  CompletableFuture<Void> setAsync(String key, String value);

  /**
   * {@code SETEX key seconds value}, or {@code PSETEX} when {@code ttl} is not whole seconds.
   *
   * @throws IllegalArgumentException if {@code ttl} is shorter than 1 ms
   */
  void setex(String key, String value, Duration ttl);

  /** {@link #setex(String, String, Duration)}, asynchronously. */
  CompletableFuture<Void> setexAsync(String key, String value, Duration ttl);

  /** {@code SETNX key value}; {@code true} if the key was set (it did not exist). */
  boolean setnx(String key, String value);

  /** {@link #setnx(String, String)}, asynchronously. */
  CompletableFuture<Boolean> setnxAsync(String key, String value);

  /**
   * {@code SET key value NX PX ttl} (go-zero's {@code SetnxEx}); {@code true} if the key was set.
   *
   * @throws IllegalArgumentException if {@code ttl} is shorter than 1 ms
   */
  boolean setnxex(String key, String value, Duration ttl);

  /** {@link #setnxex(String, String, Duration)}, asynchronously. */
  CompletableFuture<Boolean> setnxexAsync(String key, String value, Duration ttl);

  /**
   * {@code DEL key...}; the number of keys removed. In cluster mode keys in different slots are
   * deleted slot by slot.
   */
  long del(String... keys);

  /** {@link #del(String...)}, asynchronously. */
  CompletableFuture<Long> delAsync(String... keys);

  /**
   * {@code EXPIRE key seconds}, or {@code PEXPIRE} when {@code ttl} is not whole seconds; {@code
   * true} if the key exists.
   *
   * @throws IllegalArgumentException if {@code ttl} is shorter than 1 ms
   */
  boolean expire(String key, Duration ttl);

  /** {@link #expire(String, Duration)}, asynchronously. */
  CompletableFuture<Boolean> expireAsync(String key, Duration ttl);

  /**
   * {@code TTL key} in seconds, as Redis answers: -2 if the key does not exist, -1 if it has no
   * expiry.
   */
  long ttl(String key);

  /** {@link #ttl(String)}, asynchronously. */
  CompletableFuture<Long> ttlAsync(String key);

  /** {@code EXISTS key}. */
  boolean exists(String key);

  /** {@link #exists(String)}, asynchronously. */
  CompletableFuture<Boolean> existsAsync(String key);

  /** {@code INCR key}; the new value. */
  long incr(String key);

  /** {@link #incr(String)}, asynchronously. */
  CompletableFuture<Long> incrAsync(String key);

  /** {@code INCRBY key increment}; the new value. */
  long incrby(String key, long increment);

  /** {@link #incrby(String, long)}, asynchronously. */
  CompletableFuture<Long> incrbyAsync(String key, long increment);

  /** {@code HGET key field}; empty when the key or the field does not exist. */
  Optional<String> hget(String key, String field);

  /** {@link #hget(String, String)}, asynchronously. */
  CompletableFuture<Optional<String>> hgetAsync(String key, String field);

  /** {@code HSET key field value}; {@code true} if the field is new. */
  boolean hset(String key, String field, String value);

  /** {@link #hset(String, String, String)}, asynchronously. */
  CompletableFuture<Boolean> hsetAsync(String key, String field, String value);

  /**
   * Runs {@code script} with {@code EVALSHA}, falling back to {@code EVAL} once if Redis answers
   * {@code NOSCRIPT}; both count as one call for the breaker. In cluster mode the script runs on
   * the node owning the first key, so all keys must share a slot (use a {@code {hash tag}}).
   */
  ScriptReply eval(Script script, List<String> keys, List<String> args);

  /** {@link #eval(Script, List, List)}, asynchronously. */
  CompletableFuture<ScriptReply> evalAsync(Script script, List<String> keys, List<String> args);

  /**
   * Lettuce's blocking command API on this client's connection, for commands not wrapped here.
   * Calls through it <b>bypass the circuit breaker, the slow log and the metrics</b>. Waits for the
   * connection if it is not established yet.
   *
   * @throws RedisException if the connection cannot be established
   */
  RedisClusterCommands<String, String> lettuce();

  /**
   * Lettuce's asynchronous command API on this client's connection; see {@link #lettuce()}: calls
   * through it bypass the breaker, the slow log and the metrics.
   *
   * @throws RedisException if the connection cannot be established
   */
  RedisClusterAsyncCommands<String, String> lettuceAsync();

  /**
   * Closes the connection and releases Lettuce's threads. Commands in flight fail; later calls
   * throw {@link RedisException}. Idempotent.
   */
  @Override
  void close();
}
