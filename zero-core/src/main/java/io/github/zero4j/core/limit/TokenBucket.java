package io.github.zero4j.core.limit;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * An in-process token bucket: it holds at most {@link #burst()} tokens, starts full, and refills at
 * {@link #rate()} tokens per second; a request for {@code n} tokens is granted, and the tokens
 * taken, if and only if at least {@code n} are available. These are the semantics of go-zero's
 * Redis token script (refill {@code rate × elapsed} capped at the burst, grant iff {@code tokens >=
 * n}), evaluated continuously instead of once per whole second.
 *
 * <pre>{@code
 * TokenBucket bucket = TokenBucket.builder().name("orders").rate(5).burst(10).build();
 * if (!bucket.allow()) {
 *   return tooManyRequests();
 * }
 * bucket.acquireOrThrow(); // or: throws LimitExceededException("orders") when empty
 * }</pre>
 *
 * <p>The rate and burst can change at run time ({@link #setRate(double, int)}); tokens already in
 * the bucket are kept (capped at the new burst). The Redis token limiter uses this to run its
 * fallback at "fleet rate / live instances" while Redis is down.
 *
 * <p>Thread-safe and lock-free: {@link #allow()} is one clock read and one compare-and-set, with no
 * allocation; it never blocks and never parks, so it is safe on virtual threads and event loops.
 */
public interface TokenBucket {

  /** Name used when none is given: {@value}. */
  String DEFAULT_NAME = "token-bucket";

  /**
   * The highest accepted rate, {@value} tokens per second: one token per nanosecond, the resolution
   * of every {@link Ticker}.
   */
  double MAX_RATE = 1e9;

  /** The name carried by {@link LimitExceededException}s from this bucket. */
  String name();

  /** Takes one token if one is available; never blocks. */
  boolean allow();

  /**
   * Takes {@code permits} tokens if that many are available, otherwise takes none; never blocks. A
   * request for more than {@link #burst()} tokens is always refused; a request for 0 is always
   * granted.
   *
   * @throws IllegalArgumentException if {@code permits} is negative
   */
  boolean allow(int permits);

  /**
   * Takes one token or throws.
   *
   * @throws LimitExceededException if no token is available
   */
  default void acquireOrThrow() {
    if (!allow()) {
      throw new LimitExceededException(name());
    }
  }

  /**
   * Takes {@code permits} tokens or throws.
   *
   * @throws LimitExceededException if fewer than {@code permits} tokens are available
   */
  default void acquireOrThrow(int permits) {
    if (!allow(permits)) {
      throw new LimitExceededException(name());
    }
  }

  /** Tokens added per second. */
  double rate();

  /** Capacity: the most tokens the bucket holds, and the largest grantable request. */
  int burst();

  /**
   * Changes the refill rate, keeping the burst and the tokens currently in the bucket.
   *
   * @throws IllegalArgumentException if {@code rate} is not in {@code (0, MAX_RATE]}
   */
  void setRate(double rate);

  /**
   * Changes the refill rate and the capacity atomically. The tokens in the bucket are kept, capped
   * at the new burst; a larger burst does not add tokens, it only lets more accumulate.
   *
   * @throws IllegalArgumentException if {@code rate} is not in {@code (0, MAX_RATE]}, {@code burst}
   *     is not positive, or {@code burst / rate} is longer than about 73 years
   */
  void setRate(double rate, int burst);

  /**
   * A bucket of {@code burst} tokens refilled at {@code rate} per second, named {@value
   * #DEFAULT_NAME}.
   */
  static TokenBucket of(double rate, int burst) {
    return builder().rate(rate).burst(burst).build();
  }

  /** A builder; {@link Builder#rate(double)} is required. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A bucket that grants every request: the disabled twin, for configurations that turn limiting
   * off. Its rate is infinite, its burst {@link Integer#MAX_VALUE}, and {@code setRate} is ignored.
   */
  static TokenBucket noop() {
    return NoopTokenBucket.INSTANCE;
  }

  /** Builds a {@link TokenBucket}. Each setter validates its argument at once. */
  final class Builder {
    private String name = DEFAULT_NAME;
    private double rate = Double.NaN;
    private int burst;
    private @Nullable Ticker ticker;

    Builder() {}

    /** The name carried by rejections; default {@value TokenBucket#DEFAULT_NAME}. */
    public Builder name(String name) {
      requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name: \"\" (expected: non-empty)");
      }
      this.name = name;
      return this;
    }

    /** Tokens added per second, in {@code (0, MAX_RATE]}; required. Fractions are allowed. */
    public Builder rate(double rate) {
      this.rate = GcraTokenBucket.checkRate(rate);
      return this;
    }

    /** Capacity in tokens, positive; default one second's worth ({@code ceil(rate)}). */
    public Builder burst(int burst) {
      this.burst = GcraTokenBucket.checkBurst(burst);
      return this;
    }

    /**
     * The clock. By default the bucket picks {@link Ticker#coarse()} when the bucket takes at least
     * 10 ms to fill ({@code burst / rate >= 0.01 s}), because then a clock that advances in 1 ms
     * steps loses no tokens to the cap, and {@link Ticker#system()} otherwise; it picks again when
     * the rate or burst changes. A ticker set here is always used.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * A new, full bucket.
     *
     * @throws IllegalStateException if no rate was set
     * @throws IllegalArgumentException if {@code burst / rate} is longer than about 73 years
     */
    public TokenBucket build() {
      if (Double.isNaN(rate)) {
        throw new IllegalStateException("rate must be set");
      }
      int capacity = burst > 0 ? burst : (int) Math.min(Integer.MAX_VALUE, Math.ceil(rate));
      return new GcraTokenBucket(name, rate, capacity, ticker);
    }
  }
}
