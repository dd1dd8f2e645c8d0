package io.github.zero4j.benchmarks.smoke;

import io.github.zero4j.core.timex.Ticker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The harness check ({@code scripts/bench.sh smoke}): reading zero4j's coarse ticker against {@code
 * System.nanoTime()}, the clock call every other primitive avoids on its hot path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmokeBenchmark {
  private final Ticker coarse = Ticker.coarse();

  @Benchmark
  public long oursCoarseTicker() {
    return coarse.read();
  }

  @Benchmark
  public long systemNanoTime() {
    return System.nanoTime();
  }
}
