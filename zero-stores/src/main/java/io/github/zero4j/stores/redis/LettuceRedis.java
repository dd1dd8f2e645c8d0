package io.github.zero4j.stores.redis;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.breaker.Promise;
import io.github.zero4j.core.timex.Ticker;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/*
 * Every wrapped command runs through call():
 *
 *   1. breaker.allow() - a drop fails the call at once with BreakerOpenException;
 *   2. the command is sent on the shared connection (or chained after the pending connect);
 *   3. on completion, on the Lettuce I/O thread: the observer times it (slow log, metrics), the
 *      breaker promise is settled - accept for a reply (nil included) or a cancellation, reject
 *      for anything else - and the returned future completes with the value or a RedisException.
 *
 * The sync forms are the async ones plus a wait, like Lettuce's own sync API: one code path, and
 * the command timeout is enforced by Lettuce (TimeoutOptions), not by the waiting thread. EVAL
 * first sends EVALSHA and, on NOSCRIPT, EVAL inside the same breaker call, so a script cache
 * flush costs one extra round trip and no breaker failure.
 */
final class LettuceRedis implements Redis {
  private static final String PONG = "PONG";

  private final RedisConf conf;
  private final Connector connector;
  private final Breaker breaker;
  private final CommandObserver observer;
  private final Ticker ticker;

  LettuceRedis(
      RedisConf conf,
      Connector connector,
      Breaker breaker,
      CommandObserver observer,
      Ticker ticker) {
    this.conf = conf;
    this.connector = connector;
    this.breaker = breaker;
    this.observer = observer;
    this.ticker = ticker;
  }

  /** NonBlock=false: connect and PING within {@code pingTimeout}, or close and throw. */
  void connectAndPing(Duration pingTimeout) {
    try {
      String reply =
          connector
              .connect()
              .thenCompose(c -> c.async().ping())
              .get(pingTimeout.toNanos(), TimeUnit.NANOSECONDS);
      if (!PONG.equals(reply)) {
        throw new RedisException("ping", "unexpected reply " + reply, null);
      }
    } catch (ExecutionException e) {
      close();
      throw new RedisException(
          "ping", "cannot reach " + conf.host() + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      close();
      throw new RedisException("ping", "no reply from " + conf.host() + " in " + pingTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new RedisException("ping", "interrupted", e);
    } catch (RedisException e) {
      close();
      throw e;
    }
  }

  @Override
  public RedisConf conf() {
    return conf;
  }

  @Override
  public String breakerName() {
    return breaker.name();
  }

  // ---- commands ----

  @Override
  public boolean ping() {
    return pingAsync().join();
  }

  @Override
  public CompletableFuture<Boolean> pingAsync() {
    return call("ping", null, c -> c.ping()).handle((reply, error) -> PONG.equals(reply));
  }

  @Override
  public Optional<String> get(String key) {
    return await(getAsync(key));
  }

  @Override
  public CompletableFuture<Optional<String>> getAsync(String key) {
    requireNonNull(key, "key");
    return call("get", key, c -> c.get(key)).thenApply(Optional::ofNullable);
  }

  @Override
  public void set(String key, String value) {
    await(setAsync(key, value));
  }

  @Override
  public CompletableFuture<Void> setAsync(String key, String value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    return call("set", key, c -> c.set(key, value)).thenApply(ok -> null);
  }

  @Override
  public void setex(String key, String value, Duration ttl) {
    await(setexAsync(key, value, ttl));
  }

  @Override
  public CompletableFuture<Void> setexAsync(String key, String value, Duration ttl) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    long millis = ttlMillis(ttl);
    if (millis % 1000 == 0) {
      return call("setex", key, c -> c.setex(key, millis / 1000, value)).thenApply(ok -> null);
    }
    return call("psetex", key, c -> c.psetex(key, millis, value)).thenApply(ok -> null);
  }

  @Override
  public boolean setnx(String key, String value) {
    return await(setnxAsync(key, value));
  }

  @Override
  public CompletableFuture<Boolean> setnxAsync(String key, String value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    return call("setnx", key, c -> c.setnx(key, value)).thenApply(Boolean.TRUE::equals);
  }

  @Override
  public boolean setnxex(String key, String value, Duration ttl) {
    return await(setnxexAsync(key, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> setnxexAsync(String key, String value, Duration ttl) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    SetArgs args = SetArgs.Builder.nx().px(ttlMillis(ttl));
    return call("set", key, c -> c.set(key, value, args)).thenApply("OK"::equals);
  }

  @Override
  public long del(String... keys) {
    return await(delAsync(keys));
  }

  @Override
  public CompletableFuture<Long> delAsync(String... keys) {
    requireNonNull(keys, "keys");
    if (keys.length == 0) {
      return CompletableFuture.completedFuture(0L);
    }
    String[] copy = keys.clone();
    for (String key : copy) {
      requireNonNull(key, "keys[i]");
    }
    return call("del", copy[0], c -> c.del(copy)).thenApply(LettuceRedis::zeroIfNull);
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    return await(expireAsync(key, ttl));
  }

  @Override
  public CompletableFuture<Boolean> expireAsync(String key, Duration ttl) {
    requireNonNull(key, "key");
    long millis = ttlMillis(ttl);
    if (millis % 1000 == 0) {
      return call("expire", key, c -> c.expire(key, millis / 1000)).thenApply(Boolean.TRUE::equals);
    }
    return call("pexpire", key, c -> c.pexpire(key, millis)).thenApply(Boolean.TRUE::equals);
  }

  @Override
  public long ttl(String key) {
    return await(ttlAsync(key));
  }

  @Override
  public CompletableFuture<Long> ttlAsync(String key) {
    requireNonNull(key, "key");
    return call("ttl", key, c -> c.ttl(key)).thenApply(LettuceRedis::zeroIfNull);
  }

  @Override
  public boolean exists(String key) {
    return await(existsAsync(key));
  }

  @Override
  public CompletableFuture<Boolean> existsAsync(String key) {
    requireNonNull(key, "key");
    return call("exists", key, c -> c.exists(key)).thenApply(n -> n != null && n > 0);
  }

  @Override
  public long incr(String key) {
    return await(incrAsync(key));
  }

  @Override
  public CompletableFuture<Long> incrAsync(String key) {
    requireNonNull(key, "key");
    return call("incr", key, c -> c.incr(key)).thenApply(LettuceRedis::zeroIfNull);
  }

  @Override
  public long incrby(String key, long increment) {
    return await(incrbyAsync(key, increment));
  }

  @Override
  public CompletableFuture<Long> incrbyAsync(String key, long increment) {
    requireNonNull(key, "key");
    return call("incrby", key, c -> c.incrby(key, increment)).thenApply(LettuceRedis::zeroIfNull);
  }

  @Override
  public Optional<String> hget(String key, String field) {
    return await(hgetAsync(key, field));
  }

  @Override
  public CompletableFuture<Optional<String>> hgetAsync(String key, String field) {
    requireNonNull(key, "key");
    requireNonNull(field, "field");
    return call("hget", key, c -> c.hget(key, field)).thenApply(Optional::ofNullable);
  }

  @Override
  public boolean hset(String key, String field, String value) {
    return await(hsetAsync(key, field, value));
  }

  @Override
  public CompletableFuture<Boolean> hsetAsync(String key, String field, String value) {
    requireNonNull(key, "key");
    requireNonNull(field, "field");
    requireNonNull(value, "value");
    return call("hset", key, c -> c.hset(key, field, value)).thenApply(Boolean.TRUE::equals);
  }

  @Override
  public ScriptReply eval(Script script, List<String> keys, List<String> args) {
    return await(evalAsync(script, keys, args));
  }

  @Override
  public CompletableFuture<ScriptReply> evalAsync(
      Script script, List<String> keys, List<String> args) {
    requireNonNull(script, "script");
    String[] k = keys.toArray(new String[0]);
    String[] a = args.toArray(new String[0]);
    String firstKey = k.length > 0 ? k[0] : null;
    return call("evalsha", firstKey, c -> evalWithFallback(c, script, k, a))
        .thenApply(ScriptReply::of);
  }

  private static CompletionStage<@Nullable Object> evalWithFallback(
      RedisClusterAsyncCommands<String, String> c, Script script, String[] keys, String[] args) {
    CompletionStage<@Nullable Object> sha =
        c.dispatch(CommandType.EVALSHA, new ReplyOutput(), scriptArgs(script.sha1(), keys, args));
    return sha.exceptionallyCompose(
        error -> {
          if (isNoScript(unwrap(error))) {
            return c.dispatch(
                CommandType.EVAL, new ReplyOutput(), scriptArgs(script.source(), keys, args));
          }
          return CompletableFuture.failedFuture(error);
        });
  }

  private static CommandArgs<String, String> scriptArgs(
      String shaOrSource, String[] keys, String[] args) {
    return new CommandArgs<>(StringCodec.UTF8)
        .add(shaOrSource)
        .add(keys.length)
        .addKeys(keys)
        .addValues(args);
  }

  private static boolean isNoScript(Throwable error) {
    if (error instanceof RedisNoScriptException) {
      return true;
    }
    String message = error.getMessage();
    return error instanceof RedisCommandExecutionException
        && message != null
        && message.startsWith("NOSCRIPT");
  }

  @Override
  public RedisClusterCommands<String, String> lettuce() {
    return await(connector.connect()).sync();
  }

  @Override
  public RedisClusterAsyncCommands<String, String> lettuceAsync() {
    return await(connector.connect()).async();
  }

  @Override
  public void close() {
    connector.close();
  }

  @Override
  public String toString() {
    return "Redis(" + conf.type() + " " + conf.host() + ")";
  }

  // ---- the guarded call path ----

  private <T> CompletableFuture<T> call(
      String command,
      @Nullable String key,
      Function<RedisClusterAsyncCommands<String, String>, ? extends CompletionStage<T>> op) {
    Promise promise;
    try {
      promise = breaker.allow();
    } catch (BreakerOpenException e) {
      return CompletableFuture.failedFuture(e);
    }
    long start = ticker.read();
    CompletionStage<T> stage;
    try {
      RedisClusterAsyncCommands<String, String> commands = connector.asyncNow();
      if (commands != null) {
        stage = op.apply(commands);
      } else {
        stage = connector.connect().thenCompose(c -> op.apply(c.async()));
      }
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete(
        (value, error) -> {
          long elapsed = ticker.read() - start;
          if (error == null) {
            observer.observe(command, key, elapsed, null);
            promise.accept();
            result.complete(value);
            return;
          }
          Throwable cause = unwrap(error);
          if (cause instanceof CancellationException) {
            // go-zero: context.Canceled is acceptable for the breaker.
            observer.observe(command, key, elapsed, null);
            promise.accept();
            result.completeExceptionally(cause);
            return;
          }
          RedisException failure = translate(command, cause);
          observer.observe(command, key, elapsed, failure);
          promise.reject(String.valueOf(failure.getMessage()));
          result.completeExceptionally(failure);
        });
    return result;
  }

  static RedisException translate(String command, Throwable cause) {
    if (cause instanceof RedisException re) {
      return re;
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return new RedisException(command, "timed out: " + cause.getMessage(), cause);
    }
    String message = cause.getMessage();
    return new RedisException(
        command, message != null ? message : cause.getClass().getSimpleName(), cause);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Waits for {@code future}; rethrows its RedisException/BreakerOpenException unwrapped. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new RedisException("call", String.valueOf(cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException("call", "interrupted while waiting for the reply", e);
    }
  }

  private static long ttlMillis(Duration ttl) {
    requireNonNull(ttl, "ttl");
    long millis = ttl.toMillis();
    if (millis < 1) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: >= 1ms)");
    }
    return millis;
  }

  private static long zeroIfNull(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}
