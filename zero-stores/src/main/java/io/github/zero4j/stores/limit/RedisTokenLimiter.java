package io.github.zero4j.stores.limit;

import io.github.zero4j.core.limit.TokenBucket;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.Script;
import io.github.zero4j.stores.redis.ScriptReply;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A go-zero TokenLimiter with a fleet-aware fallback.
 *
 * Decision (healthy path). One EVALSHA of TOKEN_SCRIPT on KEYS {key}.tokens and {key}.ts, with
 * ARGV rate, burst, now (Unix seconds) and n, all decimal strings, as go-zero sends them [1]. The
 * script refills rate * (now - ts) tokens capped at burst, grants iff enough are there, and always
 * rewrites both keys with TTL floor(2 * burst / rate). Two deliberate differences from go-zero,
 * neither visible to a Go service sharing the keys: the TTL is at least 1 s (go-zero's SETEX
 * fails with TTL 0 when 2 * burst < rate [2]) and `now` never goes below the stored ts, so a late
 * or skewed caller cannot move ts backwards and re-grant a second's tokens (go-zero #4072).
 *
 * Fallback. A Redis failure on a call answers that call from `rescue`, a core TokenBucket, flips
 * `redisAlive` off and starts one Probe (CAS on `probing`); while `redisAlive` is off, calls use
 * `rescue` without touching Redis. The Probe PINGs every 100 ms (go-zero's pingInterval) with
 * Redis.probeAsync() - deliberately around the Redis client's breaker, whose window the
 * outage filled with failures and which would otherwise drop most probes - and on PONG clears
 * `probing` and then sets `redisAlive`. That order means a failure racing the recovery either
 * sees `probing` clear and starts a new probe, or happens after `redisAlive` is set and is handled
 * normally; the limiter can never stay on the fallback with no probe running.
 *
 * Fleet share. Each instance has a random id and refreshes it, once per heartbeat interval, in
 * the sorted set {key}.inst with score = Redis server time + 3 intervals; HEARTBEAT_SCRIPT drops
 * expired members, adds this one, renews the set's TTL and returns ZCARD - one round trip, one
 * key in the same hash slot as the limiter's keys, no clock skew between instances (Redis TIME).
 * The count sets rescue to rate / count tokens per second and ceil(burst / count) tokens, so N
 * instances falling back together admit about what the shared bucket would; during an outage the
 * last count is kept. Heartbeats pause while Redis is down. Go instances do not register, so in a
 * mixed fleet only the Java share is divided.
 *
 * Threads. allow() runs on the caller; allowAsync() completes on Lettuce's I/O thread (the rescue
 * bucket is lock-free and never blocks there). Heartbeats and probes run on the shared
 * LimiterScheduler thread and only start async calls.
 *
 * [1] go-zero core/limit/tokenlimit.go, tokenscript.lua  [2] reference gozero-core.md section 2.1
 */
final class RedisTokenLimiter implements TokenLimiter {
  private static final Logger log = LoggerFactory.getLogger(TokenLimiter.class);

  /** go-zero's {@code pingInterval}: the probe PINGs Redis every 100 ms while it is down. */
  static final long PING_INTERVAL_MILLIS = 100;

  /** An instance missing this many heartbeats in a row is no longer counted. */
  static final int HEARTBEAT_TTL_FACTOR = 3;

  static final Script TOKEN_SCRIPT =
      Script.of(
          """
          -- go-zero TokenLimiter semantics; ttl >= 1 and ts never moves backwards
          local rate = tonumber(ARGV[1])
          local capacity = tonumber(ARGV[2])
          local now = tonumber(ARGV[3])
          local requested = tonumber(ARGV[4])
          local ttl = math.floor(capacity / rate * 2)
          if ttl < 1 then
            ttl = 1
          end
          local last_tokens = tonumber(redis.call("get", KEYS[1]))
          if last_tokens == nil then
            last_tokens = capacity
          end
          local last_refreshed = tonumber(redis.call("get", KEYS[2]))
          if last_refreshed == nil then
            last_refreshed = 0
          end
          if now < last_refreshed then
            now = last_refreshed
          end
          local filled = math.min(capacity, last_tokens + (now - last_refreshed) * rate)
          local allowed = filled >= requested
          if allowed then
            filled = filled - requested
          end
          redis.call("setex", KEYS[1], ttl, filled)
          redis.call("setex", KEYS[2], ttl, now)
          return allowed
          """);

  static final Script HEARTBEAT_SCRIPT =
      Script.of(
          """
          -- live instances of a token limiter: members scored by expiry (ms, Redis time)
          redis.replicate_commands()
          local t = redis.call("TIME")
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local ttl = tonumber(ARGV[2])
          redis.call("zremrangebyscore", KEYS[1], "-inf", now)
          redis.call("zadd", KEYS[1], now + ttl, ARGV[1])
          redis.call("pexpire", KEYS[1], ttl)
          return redis.call("zcard", KEYS[1])
          """);

  static final Script LEAVE_SCRIPT = Script.of("return redis.call('zrem', KEYS[1], ARGV[1])");

  private final Redis redis;
  private final String key;
  private final int rate;
  private final int burst;
  private final String rateArg;
  private final String burstArg;
  private final List<String> keys;
  private final List<String> instanceKey;
  private final List<String> heartbeatArgs;
  private final String id;
  private final InstantSource clock;
  private final Duration heartbeat;
  private final ScheduledExecutorService scheduler;
  private final TokenBucket rescue;
  private final AtomicBoolean probing = new AtomicBoolean();

  private volatile boolean redisAlive = true;
  private volatile int instances = 1;
  private volatile boolean closed;
  private volatile @Nullable Probe probe;
  private volatile @Nullable ScheduledFuture<?> heartbeatTask;

  RedisTokenLimiter(
      Redis redis,
      String key,
      int rate,
      int burst,
      InstantSource clock,
      Ticker ticker,
      Duration heartbeat,
      ScheduledExecutorService scheduler) {
    this.redis = redis;
    this.key = key;
    this.rate = rate;
    this.burst = burst;
    this.rateArg = Integer.toString(rate);
    this.burstArg = Integer.toString(burst);
    this.keys = List.of(tokensKey(key), timestampKey(key));
    this.instanceKey = List.of(instancesKey(key));
    this.id = UUID.randomUUID().toString();
    this.heartbeatArgs = List.of(id, Long.toString(heartbeat.toMillis() * HEARTBEAT_TTL_FACTOR));
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.scheduler = scheduler;
    this.rescue = TokenBucket.builder().name(key).rate(rate).burst(burst).ticker(ticker).build();
  }

  /** go-zero's {@code KEYS[1]}: {@code {key}.tokens}. */
  static String tokensKey(String key) {
    return "{" + key + "}.tokens";
  }

  /** go-zero's {@code KEYS[2]}: {@code {key}.ts}. */
  static String timestampKey(String key) {
    return "{" + key + "}.ts";
  }

  /** The heartbeat set, in the same hash slot: {@code {key}.inst}. */
  static String instancesKey(String key) {
    return "{" + key + "}.inst";
  }

  void start() {
    heartbeatTask =
        scheduler.scheduleWithFixedDelay(
            this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public boolean allow(int n) {
    TokenLimiterBuilder.checkPermits(n);
    if (!redisAlive) {
      return rescue.allow(n);
    }
    ScriptReply reply;
    try {
      reply = redis.eval(TOKEN_SCRIPT, keys, args(n));
    } catch (RuntimeException e) {
      if (e.getCause() instanceof InterruptedException || e instanceof CancellationException) {
        return false;
      }
      return fallBack(e, n);
    }
    return decide(reply, n);
  }

  @Override
  public CompletionStage<Boolean> allowAsync(int n) {
    TokenLimiterBuilder.checkPermits(n);
    if (!redisAlive) {
      return CompletableFuture.completedFuture(rescue.allow(n));
    }
    CompletableFuture<ScriptReply> reply;
    try {
      reply = redis.evalAsync(TOKEN_SCRIPT, keys, args(n));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(fallBack(e, n));
    }
    return reply.handle(
        (r, error) -> {
          if (error == null) {
            return decide(r, n);
          }
          Throwable cause = error instanceof CompletionException ? error.getCause() : error;
          if (cause instanceof CancellationException) {
            return false;
          }
          return fallBack(cause != null ? cause : error, n);
        });
  }

  private List<String> args(int n) {
    return List.of(
        rateArg, burstArg, Long.toString(clock.instant().getEpochSecond()), Integer.toString(n));
  }

  /** go-zero: integer 1 allows, nil denies, anything else is a failure. */
  private boolean decide(ScriptReply reply, int n) {
    if (reply.isNil()) {
      return false;
    }
    if (reply.isInteger()) {
      return reply.asLong() == 1;
    }
    return fallBack(new IllegalStateException("unexpected script reply " + reply), n);
  }

  private boolean fallBack(Throwable error, int n) {
    if (closed) {
      return rescue.allow(n);
    }
    redisAlive = false;
    if (probing.compareAndSet(false, true)) {
      log.error(
          "fail to use rate limiter: {}, use in-process limiter for rescue (rate {}/{} instances)",
          error.toString(),
          rate,
          instances);
      Probe p = new Probe();
      probe = p;
      p.schedule();
    }
    return rescue.allow(n);
  }

  private void beat() {
    if (closed || !redisAlive) {
      return;
    }
    try {
      redis
          .evalAsync(HEARTBEAT_SCRIPT, instanceKey, heartbeatArgs)
          .whenComplete(
              (reply, error) -> {
                if (error == null && reply.isInteger()) {
                  updateInstances(reply.asLong());
                } else if (error != null) {
                  log.debug("token limiter {}: heartbeat failed: {}", key, error.toString());
                }
              });
    } catch (RuntimeException e) {
      log.debug("token limiter {}: heartbeat failed: {}", key, e.toString());
    }
  }

  void updateInstances(long count) {
    int n = (int) Math.max(1, Math.min(count, Integer.MAX_VALUE));
    if (n == instances) {
      return;
    }
    instances = n;
    rescue.setRate(fallbackRate(rate, n), fallbackBurst(burst, n));
  }

  /** The rescue bucket's rate: the fleet rate split evenly between {@code instances}. */
  static double fallbackRate(int rate, int instances) {
    return (double) rate / Math.max(1, instances);
  }

  /** The rescue bucket's capacity: {@code ceil(burst / instances)}, at least 1. */
  static int fallbackBurst(int burst, int instances) {
    int n = Math.max(1, instances);
    return Math.max(1, (burst + n - 1) / n);
  }

  /** Package-private test hook: whether calls currently go to Redis. */
  boolean usingRedis() {
    return redisAlive;
  }

  /** Package-private test hook: the last live-instance count. */
  int instances() {
    return instances;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ScheduledFuture<?> task = heartbeatTask;
    if (task != null) {
      task.cancel(false);
    }
    Probe p = probe;
    if (p != null) {
      p.stop();
    }
    if (redisAlive) {
      try {
        redis.evalAsync(LEAVE_SCRIPT, instanceKey, List.of(id));
      } catch (RuntimeException e) {
        log.debug("token limiter {}: cannot deregister: {}", key, e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "TokenLimiter(" + key + ", rate " + rate + ", burst " + burst + ")";
  }

  /** PINGs Redis every 100 ms, one ping in flight at a time, until PONG. */
  private final class Probe implements Runnable {
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile @Nullable ScheduledFuture<?> future;
    private volatile boolean done;

    void schedule() {
      future =
          scheduler.scheduleWithFixedDelay(
              this, PING_INTERVAL_MILLIS, PING_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      if (done) {
        stop();
      }
    }

    @Override
    public void run() {
      if (done || closed) {
        stop();
        return;
      }
      if (!inFlight.compareAndSet(false, true)) {
        return;
      }
      CompletableFuture<Boolean> ping;
      try {
        ping = redis.probeAsync();
      } catch (RuntimeException e) {
        inFlight.set(false);
        return;
      }
      ping.whenComplete(
          (pong, error) -> {
            inFlight.set(false);
            if (Boolean.TRUE.equals(pong) && !done) {
              stop();
              probing.set(false);
              redisAlive = true;
              log.info("redis is back, token limiter {} uses it again", key);
              beat();
            }
          });
    }

    void stop() {
      done = true;
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
    }
  }
}
