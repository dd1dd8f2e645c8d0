package io.github.zero4j.benchmarks.core;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.zero4j.core.sync.SingleFlight;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A full single-flight cycle on one hot key with a trivial supplier: claim the key (or join the
 * call in progress), run, release, publish. With {@code -t 2} the threads keep meeting on the key,
 * so the join-and-wait path is measured too.
 *
 * <ul>
 *   <li>{@code oursHotKey}: zero4j's {@link SingleFlight#execute}.
 *   <li>{@code chmSingleFlight}: the usual hand-written single flight, a {@link ConcurrentHashMap}
 *       of {@link CompletableFuture}s ({@code putIfAbsent}, run, {@code remove}, complete), the
 *       baseline the issue sets (about 68 ns at 1 thread, 113 ns at 2).
 *   <li>{@code caffeineAsyncCacheGet}: Caffeine {@code AsyncCache.get} on a key that is present, a
 *       cache hit, which is the comparison the issue states; it does no call at all, so it bounds
 *       what a single flight could cost rather than doing the same work.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SingleFlightBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar SingleFlightBenchmark -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SingleFlightBenchmark {
  private static final String KEY = "hot";
  private static final Object VALUE = new Object();

  private final SingleFlight<String, Object> ours = SingleFlight.create();
  private final ConcurrentHashMap<String, CompletableFuture<Object>> flights =
      new ConcurrentHashMap<>();
  private final AsyncCache<String, Object> caffeine = Caffeine.newBuilder().buildAsync();

  @Setup
  public void setUp() {
    caffeine.get(KEY, SingleFlightBenchmark::load).join();
  }

  @Benchmark
  public Object oursHotKey() {
    return ours.execute(KEY, SingleFlightBenchmark::value);
  }

  @Benchmark
  public Object chmSingleFlight() {
    return chmExecute(KEY, SingleFlightBenchmark::value);
  }

  @Benchmark
  public CompletableFuture<Object> caffeineAsyncCacheGet() {
    return caffeine.get(KEY, SingleFlightBenchmark::load);
  }

  /** The trivial supplier: the work itself costs nothing, so the cycle is all that is measured. */
  private static Object value() {
    return VALUE;
  }

  private static Object load(String key) {
    return VALUE;
  }

  /** The straightforward single flight most codebases write. */
  private Object chmExecute(String key, Supplier<Object> supplier) {
    CompletableFuture<Object> flight = new CompletableFuture<>();
    CompletableFuture<Object> existing = flights.putIfAbsent(key, flight);
    if (existing != null) {
      return existing.join();
    }
    try {
      Object value = supplier.get();
      flights.remove(key, flight);
      flight.complete(value);
      return value;
    } catch (RuntimeException e) {
      flights.remove(key, flight);
      flight.completeExceptionally(e);
      throw e;
    }
  }
}
