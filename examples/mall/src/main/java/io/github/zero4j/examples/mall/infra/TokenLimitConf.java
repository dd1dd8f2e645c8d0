package io.github.zero4j.examples.mall.infra;

/**
 * A token limiter's settings, e.g. {@code RegisterLimit: {Rate: 10, Burst: 20}}: {@code burst}
 * tokens at most, refilled at {@code rate} per second (go-zero's {@code NewTokenLimiter}).
 *
 * @param rate tokens added per second, > 0
 * @param burst the bucket's capacity, > 0
 */
public record TokenLimitConf(int rate, int burst) {

  public TokenLimitConf {
    if (rate <= 0) {
      throw new IllegalArgumentException("Rate: " + rate + " (expected: > 0)");
    }
    if (burst <= 0) {
      throw new IllegalArgumentException("Burst: " + burst + " (expected: > 0)");
    }
  }
}
