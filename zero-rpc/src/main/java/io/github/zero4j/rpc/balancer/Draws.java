package io.github.zero4j.rpc.balancer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The picker's source of randomness. The default draws from {@link ThreadLocalRandom} (no shared
 * state, unlike go-zero's picker-wide locked {@code rand.Rand}); tests script it.
 */
interface Draws {

  /** A uniform int in {@code [0, bound)}. */
  int nextInt(int bound);

  /** A uniform double in {@code [0, 1)}. */
  double nextDouble();

  static Draws threadLocal() {
    return ThreadLocalDraws.INSTANCE;
  }

  /** {@link ThreadLocalRandom}-backed draws. */
  enum ThreadLocalDraws implements Draws {
    INSTANCE;

    @Override
    public int nextInt(int bound) {
      return ThreadLocalRandom.current().nextInt(bound);
    }

    @Override
    public double nextDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }
}
