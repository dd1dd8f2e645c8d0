package io.github.zero4j.core.breaker;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Draws from the calling thread's {@link ThreadLocalRandom}, so threads never contend on one seed
 * (go-zero guards one {@code math/rand} with a mutex).
 */
enum ThreadLocalRandomGenerator implements RandomGenerator {
  INSTANCE;

  @Override
  public long nextLong() {
    return ThreadLocalRandom.current().nextLong();
  }

  @Override
  public double nextDouble() {
    return ThreadLocalRandom.current().nextDouble();
  }
}
