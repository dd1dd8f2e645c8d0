package io.github.zero4j.core.breaker;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Breaker}. Every setter validates its argument at once; {@link #build()} checks
 * that a bucket is at least a millisecond long. A builder is not thread-safe; the breakers it
 * builds are.
 */
public final class BreakerBuilder {

  /** go-zero's {@code window}: the rolling window is 10 seconds long. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  /** go-zero's {@code buckets}: {@value}, so a bucket lasts 250 ms with the default window. */
  public static final int DEFAULT_BUCKETS = 40;

  /** go-zero's {@code k}: the SRE multiplier on accepts, {@value}. */
  public static final double DEFAULT_K = 1.5;

  /**
   * go-zero's {@code minK}: the floor, {@value}, that the effective multiplier decays to as
   * failure-only buckets accumulate. {@link #k(double)} may not be set below it.
   */
  public static final double MIN_K = 1.1;

  /** go-zero's {@code protection}: no call is dropped while the window holds at most {@value}. */
  public static final long DEFAULT_PROTECTION = 5;

  /** go-zero's {@code forcePassDuration}: while dropping, one call per second passes as a probe. */
  public static final Duration FORCE_PASS_INTERVAL = Duration.ofSeconds(1);

  /** The shortest bucket {@link #build()} accepts: the resolution of {@link Ticker#coarse()}. */
  static final Duration MIN_BUCKET = Duration.ofMillis(1);

  /** Length of the random default name (go-zero's {@code stringx.Rand()} draws 8 characters). */
  private static final int RANDOM_NAME_LENGTH = 8;

  private static final String NAME_ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private @Nullable String name;
  private Duration window = DEFAULT_WINDOW;
  private int buckets = DEFAULT_BUCKETS;
  private double k = DEFAULT_K;
  private long protection = DEFAULT_PROTECTION;

  /**
   * Null for {@link Ticker#coarse()}, resolved in build() so that a builder given its own ticker
   * never starts the coarse clock's thread.
   */
  private @Nullable Ticker ticker;

  private RandomGenerator random = ThreadLocalRandomGenerator.INSTANCE;
  private RejectionReporter reporter = RejectionReporter.DEFAULT;

  BreakerBuilder() {}

  /** The name used in logs and exceptions; a random 8-character string by default, as go-zero. */
  public BreakerBuilder name(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected: not blank)");
    }
    this.name = name;
    return this;
  }

  /** The rolling window's length, {@link #DEFAULT_WINDOW} (10 s) by default. */
  public BreakerBuilder window(Duration window) {
    requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
    }
    this.window = window;
    return this;
  }

  /** How many buckets the window is cut into, {@value #DEFAULT_BUCKETS} by default. */
  public BreakerBuilder buckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets: " + buckets + " (expected: >= 1)");
    }
    this.buckets = buckets;
    return this;
  }

  /**
   * The SRE multiplier {@code K} on accepts, {@value #DEFAULT_K} by default: the breaker tolerates
   * about {@code 1 - 1/k} failures before it drops calls. Larger is more lenient.
   */
  public BreakerBuilder k(double k) {
    if (!(k >= MIN_K) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("k: " + k + " (expected: finite and >= " + MIN_K + ")");
    }
    this.k = k;
    return this;
  }

  /**
   * How many requests the window may hold before any is dropped, {@value #DEFAULT_PROTECTION} by
   * default.
   */
  public BreakerBuilder protection(long protection) {
    if (protection < 0) {
      throw new IllegalArgumentException("protection: " + protection + " (expected: >= 0)");
    }
    this.protection = protection;
    return this;
  }

  /**
   * The clock, {@link Ticker#coarse()} by default (one volatile load per read; bucket boundaries
   * are then exact to a millisecond).
   */
  public BreakerBuilder ticker(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * The source of the drop decision's random number (only drawn while the breaker is dropping). The
   * default uses {@link ThreadLocalRandom}; a generator set here is shared by every calling thread,
   * so it must be thread-safe if the breaker is (tests pass a seeded one).
   */
  public BreakerBuilder random(RandomGenerator random) {
    this.random = requireNonNull(random, "random");
    return this;
  }

  /** Where rejections are reported; the process-wide, rate-limited SLF4J reporter by default. */
  BreakerBuilder reporter(RejectionReporter reporter) {
    this.reporter = requireNonNull(reporter, "reporter");
    return this;
  }

  /** Builds the breaker. */
  public Breaker build() {
    long bucketNanos = window.toNanos() / buckets;
    if (bucketNanos < MIN_BUCKET.toNanos()) {
      throw new IllegalArgumentException(
          "window / buckets: "
              + window
              + " / "
              + buckets
              + " (expected: buckets of at least "
              + MIN_BUCKET
              + ")");
    }
    String actualName = name != null ? name : randomName();
    return new GoogleBreaker(
        actualName,
        ticker != null ? ticker : Ticker.coarse(),
        random,
        bucketNanos,
        buckets,
        k,
        protection,
        reporter);
  }

  private static String randomName() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder(RANDOM_NAME_LENGTH);
    for (int i = 0; i < RANDOM_NAME_LENGTH; i++) {
      sb.append(NAME_ALPHABET.charAt(r.nextInt(NAME_ALPHABET.length())));
    }
    return sb.toString();
  }
}
