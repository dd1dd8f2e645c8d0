package io.github.zero4j.rpc.balancer;

import java.util.ArrayDeque;
import java.util.Deque;

/** Draws that return scripted values, failing the test when the picker asks for more. */
final class ScriptedDraws implements Draws {
  private final Deque<Integer> ints = new ArrayDeque<>();
  private final Deque<Double> doubles = new ArrayDeque<>();

  ScriptedDraws ints(int... values) {
    for (int value : values) {
      ints.add(value);
    }
    return this;
  }

  ScriptedDraws doubles(double... values) {
    for (double value : values) {
      doubles.add(value);
    }
    return this;
  }

  int intsLeft() {
    return ints.size();
  }

  @Override
  public int nextInt(int bound) {
    Integer value = ints.poll();
    if (value == null) {
      throw new AssertionError("unscripted nextInt(" + bound + ")");
    }
    if (value >= bound) {
      throw new AssertionError("scripted " + value + " >= bound " + bound);
    }
    return value;
  }

  @Override
  public double nextDouble() {
    Double value = doubles.poll();
    if (value == null) {
      throw new AssertionError("unscripted nextDouble()");
    }
    return value;
  }
}
