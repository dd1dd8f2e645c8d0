package io.github.zero4j.core.breaker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A {@link RandomGenerator} whose {@code nextDouble()} returns queued values, then a fixed default.
 * Counts draws so tests can tell a random decision from a force-pass or a fast-path pass.
 */
final class ScriptedRandom implements RandomGenerator {
  private final Deque<Double> queued = new ArrayDeque<>();
  private final double otherwise;
  private int draws;

  ScriptedRandom(double otherwise) {
    this.otherwise = otherwise;
  }

  /** Always draws 0: every call that faces a positive drop probability is dropped. */
  static ScriptedRandom alwaysDrop() {
    return new ScriptedRandom(0.0);
  }

  ScriptedRandom then(double... values) {
    for (double v : values) {
      queued.add(v);
    }
    return this;
  }

  int draws() {
    return draws;
  }

  @Override
  public synchronized double nextDouble() {
    draws++;
    Double next = queued.poll();
    return next != null ? next : otherwise;
  }

  @Override
  public long nextLong() {
    throw new UnsupportedOperationException("the breaker only draws doubles");
  }
}
