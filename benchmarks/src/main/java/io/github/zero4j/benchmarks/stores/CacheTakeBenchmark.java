package io.github.zero4j.benchmarks.stores;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hit path of {@code Cache.take} on Redis (zero4j's breaker-protected Lettuce client, the
 * single flight, the stats and the Jackson decode) against the same work done by hand: a raw
 * Lettuce synchronous {@code GET} on one connection plus {@code ObjectMapper.readValue}. The key
 * holds a small JSON row; the loader is never called. Both sides share all benchmark threads on one
 * connection each, so {@code -t 2} measures two request threads on one client.
 *
 * <p>Needs Redis on 127.0.0.1:6379 ({@code scripts/test.sh} starts it).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CacheTakeBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar CacheTakeBenchmark -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheTakeBenchmark {
  /** The cached row. */
  public record User(long id, String name, String mobile, int age) {}

  private static final String HOST = "127.0.0.1:6379";
  private static final String KEY = "zs:bench:cache:take:user:1";

  private final ObjectMapper mapper = new ObjectMapper();

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private Redis redis;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private Cache cache;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private RedisClient lettuce;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private StatefulRedisConnection<String, String> connection;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private RedisCommands<String, String> commands;

  @Setup(Level.Trial)
  public void setUp() {
    redis = Redis.create(RedisConf.node(HOST));
    cache =
        Cache.builder(redis)
            .name("bench")
            .statLog(false)
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    cache.set(KEY, new User(1, "ann", "13800000000", 30));
    lettuce = RedisClient.create("redis://" + HOST);
    connection = lettuce.connect();
    commands = connection.sync();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cache.del(KEY);
    cache.close();
    redis.close();
    connection.close();
    lettuce.shutdown();
  }

  @Benchmark
  public Optional<User> oursTake() {
    return cache.take(KEY, User.class, () -> Optional.of(new User(1, "loaded", "", 0)));
  }

  @Benchmark
  public User lettuceGetAndDecode() throws IOException {
    return mapper.readValue(commands.get(KEY), User.class);
  }
}
