package io.github.zero4j.benchmarks.core;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.zero4j.core.breaker.Breaker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Overhead of a circuit breaker around a trivial call that succeeds: zero4j's go-zero breaker
 * against Resilience4j 2.4 (default config, and its {@code LOCK_FREE} sliding-window strategy),
 * Sentinel 1.8 ({@code SphU.entry}/{@code exit} with one exception-ratio degrade rule) and the
 * plain call. Overhead = method time minus {@code plainCall}.
 *
 * <p>Every breaker is one instance shared by all benchmark threads ({@link Scope#Benchmark}), so
 * {@code -t 2} measures two threads contending on one breaker, as two request threads calling one
 * downstream do. Target: {@code oursExecute} at most ~20 ns above {@code plainCall} at one thread,
 * and at two threads no more than twice its own one-thread cost (Resilience4j measured 59 -> 200 ns
 * here).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BreakerBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar BreakerBenchmark -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BreakerBenchmark {
  private static final String SENTINEL_RESOURCE = "breakerBenchmark";

  /** Returned by the protected call so the JIT cannot drop it. */
  private final Object payload = new Object();

  private final Supplier<Object> call = () -> payload;

  private final Breaker ours = Breaker.of("bench");

  private final CircuitBreaker resilience4jDefault = CircuitBreaker.ofDefaults("bench-default");

  private final CircuitBreaker resilience4jLockFree =
      CircuitBreaker.of(
          "bench-lock-free",
          CircuitBreakerConfig.custom()
              .slidingWindowSynchronizationStrategy(SlidingWindowSynchronizationStrategy.LOCK_FREE)
              .build());

  @Setup
  public void setUp() {
    // Sentinel's closest equivalent: trip on a 50 % exception ratio over a 10 s window.
    DegradeRule rule =
        new DegradeRule(SENTINEL_RESOURCE)
            .setGrade(RuleConstant.DEGRADE_GRADE_EXCEPTION_RATIO)
            .setCount(0.5)
            .setStatIntervalMs(10_000)
            .setMinRequestAmount(100)
            .setTimeWindow(10);
    DegradeRuleManager.loadRules(List.of(rule));
  }

  @Benchmark
  public Object oursExecute() {
    return ours.execute(call);
  }

  @Benchmark
  public Object resilience4jDefault() {
    return resilience4jDefault.executeSupplier(call);
  }

  @Benchmark
  public Object resilience4jLockFree() {
    return resilience4jLockFree.executeSupplier(call);
  }

  @Benchmark
  public Object sentinelEntry() throws BlockException {
    Entry entry = SphU.entry(SENTINEL_RESOURCE);
    try {
      return call.get();
    } finally {
      entry.exit();
    }
  }

  @Benchmark
  public Object plainCall() {
    return call.get();
  }
}
