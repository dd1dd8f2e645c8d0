package io.github.zero4j.benchmarks.stores;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.github.zero4j.stores.limit.TokenLimiter;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.Redisson;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * One distributed rate-limit decision against Redis on loopback ({@code 127.0.0.1:6379}), every
 * limiter on one hot key with a rate (10^9 per second) high enough that almost every call is
 * allowed, so what is measured is the round trip and each library's per-decision work:
 *
 * <ul>
 *   <li>{@code oursAllowSync}: {@link TokenLimiter#allow()}: breaker, one EVALSHA of the go-zero
 *       token script, reply decoding, on one multiplexed Lettuce connection;
 *   <li>{@code oursAllowAsync64}: 64 {@link TokenLimiter#allowAsync()} in flight, then all joined
 *       (reported per call, {@code @OperationsPerInvocation(64)});
 *   <li>{@code lettuceEvalshaSync} / {@code lettuceEvalshaAsync64}: raw Lettuce EVALSHA of the same
 *       script and arguments, no breaker or wrapper: the floor for ours;
 *   <li>{@code bucket4jSync} / {@code bucket4jAsync64}: Bucket4j's {@code LettuceBasedProxyManager}
 *       (read, compute in the JVM, compare-and-swap script; retries under contention);
 *   <li>{@code redissonSync} / {@code redissonAsync64}: Redisson {@code RRateLimiter} ({@code
 *       OVERALL}, one script over a hash, a value and a sorted set of grants).
 * </ul>
 *
 * <p>Needs Redis on 127.0.0.1:6379. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * TokenLimiterBenchmark -t 1} (and {@code -t 2}); on a quiet machine, as each call is a network
 * round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenLimiterBenchmark {
  /** Calls in flight in the async variants: a busy service's worth on one connection. */
  private static final int IN_FLIGHT = 64;

  /** Tokens per second and burst: so high that the hot key (almost) never refuses. */
  private static final int RATE = 1_000_000_000;

  private static final String HOST = "127.0.0.1:6379";

  /** go-zero's token script semantics, the same work the zero4j limiter asks of Redis. */
  private static final String TOKEN_SCRIPT =
      """
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
      """;

  private static final String[] RAW_KEYS = {"{bench:raw}.tokens", "{bench:raw}.ts"};
  private static final String RATE_ARG = Integer.toString(RATE);

  private final Redis redis;
  private final TokenLimiter ours;

  private final RedisClient lettuceClient;
  private final StatefulRedisConnection<String, String> lettuce;
  private final RedisCommands<String, String> lettuceSync;
  private final RedisAsyncCommands<String, String> lettuceAsync;
  private final String sha;

  private final StatefulRedisConnection<byte[], byte[]> bucket4jConnection;
  private final BucketProxy bucket4j;
  private final AsyncBucketProxy bucket4jAsync;

  private final RedissonClient redisson;
  private final RRateLimiter redissonLimiter;

  /** Connects every client and resets the keys (JMH creates the state once per trial). */
  public TokenLimiterBenchmark() {
    redis = Redis.create(RedisConf.node(HOST));
    redis.del("{bench:zero4j}.tokens", "{bench:zero4j}.ts", RAW_KEYS[0], RAW_KEYS[1]);
    ours = TokenLimiter.builder(redis, "bench:zero4j").rate(RATE).burst(RATE).build();

    lettuceClient = RedisClient.create("redis://" + HOST);
    lettuce = lettuceClient.connect(StringCodec.UTF8);
    lettuceSync = lettuce.sync();
    lettuceAsync = lettuce.async();
    sha = lettuceSync.scriptLoad(TOKEN_SCRIPT);

    bucket4jConnection = lettuceClient.connect(ByteArrayCodec.INSTANCE);
    bucket4jConnection.sync().del(bytes("bench:bucket4j"), bytes("bench:bucket4j-async"));
    LettuceBasedProxyManager<byte[]> proxies =
        LettuceBasedProxyManager.builderFor(bucket4jConnection)
            .withExpirationStrategy(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofSeconds(10)))
            .build();
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(RATE)
                    .refillGreedy(RATE, Duration.ofSeconds(1))
                    .build())
            .build();
    bucket4j = proxies.builder().build(bytes("bench:bucket4j"), () -> configuration);
    bucket4jAsync =
        proxies
            .asAsync()
            .builder()
            .build(
                bytes("bench:bucket4j-async"),
                () -> CompletableFuture.completedFuture(configuration));

    Config config = new Config();
    config.useSingleServer().setAddress("redis://" + HOST);
    redisson = Redisson.create(config);
    redissonLimiter = redisson.getRateLimiter("bench:redisson");
    redissonLimiter.delete();
    redissonLimiter.trySetRate(RateType.OVERALL, RATE, Duration.ofSeconds(1));
  }

  @TearDown
  public void tearDown() {
    ours.close();
    redis.close();
    bucket4jConnection.close();
    lettuce.close();
    lettuceClient.shutdown();
    redissonLimiter.delete();
    redisson.shutdown();
  }

  @Benchmark
  public boolean oursAllowSync() {
    return ours.allow();
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public int oursAllowAsync64() {
    @SuppressWarnings("unchecked")
    CompletionStage<Boolean>[] calls = new CompletionStage[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      calls[i] = ours.allowAsync();
    }
    return countAllowed(calls);
  }

  @Benchmark
  public Object lettuceEvalshaSync() {
    return lettuceSync.evalsha(sha, ScriptOutputType.INTEGER, RAW_KEYS, rawArgs());
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public int lettuceEvalshaAsync64() {
    @SuppressWarnings("unchecked")
    CompletionStage<Long>[] calls = new CompletionStage[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      calls[i] = lettuceAsync.evalsha(sha, ScriptOutputType.INTEGER, RAW_KEYS, rawArgs());
    }
    int done = 0;
    for (CompletionStage<Long> call : calls) {
      if (call.toCompletableFuture().join() != null) {
        done++;
      }
    }
    return done;
  }

  @Benchmark
  public boolean bucket4jSync() {
    return bucket4j.tryConsume(1);
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public int bucket4jAsync64() {
    @SuppressWarnings("unchecked")
    CompletionStage<Boolean>[] calls = new CompletionStage[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      calls[i] = bucket4jAsync.tryConsume(1);
    }
    return countAllowed(calls);
  }

  @Benchmark
  public boolean redissonSync() {
    return redissonLimiter.tryAcquire();
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public int redissonAsync64() {
    @SuppressWarnings("unchecked")
    CompletionStage<Boolean>[] calls = new CompletionStage[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      calls[i] = redissonLimiter.tryAcquireAsync();
    }
    return countAllowed(calls);
  }

  private static String[] rawArgs() {
    return new String[] {RATE_ARG, RATE_ARG, Long.toString(System.currentTimeMillis() / 1000), "1"};
  }

  private static int countAllowed(CompletionStage<Boolean>[] calls) {
    int allowed = 0;
    for (CompletionStage<Boolean> call : calls) {
      if (call.toCompletableFuture().join()) {
        allowed++;
      }
    }
    return allowed;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
