package io.github.zero4j.benchmarks.core;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.EntryType;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.system.SystemRule;
import com.alibaba.csp.sentinel.slots.system.SystemRuleManager;
import io.github.zero4j.core.load.AdaptiveShedder;
import io.github.zero4j.core.load.Promise;
import io.github.zero4j.core.timex.Ticker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost the adaptive shedder adds to every admitted request: {@code allow()} then {@code pass()}
 * on one shared {@link AdaptiveShedder} whose CPU reading is fixed below the threshold, so every
 * call is admitted and the capacity estimate is never computed (the normal case).
 *
 * <ul>
 *   <li>{@code oursAllowPass}: the default shedder ({@code Ticker.coarse()}: two volatile reads for
 *       the clock per request).
 *   <li>{@code oursAllowPassSystemTicker}: the same with {@code Ticker.system()}: two {@code
 *       System.nanoTime()} calls per request.
 *   <li>{@code plainCall}: the unprotected call, a field read (the floor).
 *   <li>{@code sentinelSystemRuleEntry}: Sentinel 1.8.8 {@code SphU.entry(name, EntryType.IN)} and
 *       {@code exit()} with a system rule (CPU, load, thread and RT checks set so that they never
 *       block): Sentinel's closest feature to go-zero's shedder.
 * </ul>
 *
 * <p>Shared state, so {@code -t 2} measures contention on the in-flight counter and the current
 * bucket.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ShedderBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar ShedderBenchmark -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ShedderBenchmark {
  private static final String RESOURCE = "shedder-bench";

  /** A CPU reading well under the 900 per mille threshold. */
  private static final int LOW_CPU = 100;

  private final AdaptiveShedder shedder =
      AdaptiveShedder.builder().name("bench").cpuUsage(() -> LOW_CPU).build();
  private final AdaptiveShedder systemTickerShedder =
      AdaptiveShedder.builder()
          .name("bench-system-ticker")
          .ticker(Ticker.system())
          .cpuUsage(() -> LOW_CPU)
          .build();
  private int plain = 42;

  @Setup
  public void setUp() {
    // Keep Sentinel's log files out of the home directory.
    System.setProperty(
        "csp.sentinel.log.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "zero4j-bench-sentinel-logs").toString());
    SystemRule rule = new SystemRule();
    rule.setHighestCpuUsage(1.0); // checked on every entry, never exceeded
    rule.setHighestSystemLoad(1_000_000);
    rule.setMaxThread(1_000_000);
    rule.setAvgRt(1_000_000);
    SystemRuleManager.loadRules(List.of(rule));
  }

  @Benchmark
  public Promise oursAllowPass() {
    Promise promise = shedder.allow();
    promise.pass();
    return promise;
  }

  @Benchmark
  public Promise oursAllowPassSystemTicker() {
    Promise promise = systemTickerShedder.allow();
    promise.pass();
    return promise;
  }

  @Benchmark
  public int plainCall() {
    return plain;
  }

  @Benchmark
  public boolean sentinelSystemRuleEntry() {
    Entry entry;
    try {
      entry = SphU.entry(RESOURCE, EntryType.IN);
    } catch (BlockException e) {
      return false;
    }
    entry.exit();
    return true;
  }
}
