package io.github.zero4j.core.load;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.collection.RollingWindow;
import io.github.zero4j.core.collection.SumBucket;
import io.github.zero4j.core.timex.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-zero's adaptive load shedder: rejects a request when the CPU is over a threshold (or was, less
 * than a second ago, and requests have just been dropped) and more requests are in flight than the
 * service has recently shown it can complete.
 *
 * <pre>{@code
 * Shedder shedder = AdaptiveShedder.builder().name("api").build(); // 5 s / 50 buckets, CPU 900‰
 * Shedder priority =
 *     AdaptiveShedder.builder().name("api-priority")
 *         .cpuThreshold(AdaptiveShedder.priorityCpuThreshold(900)) // 950‰
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe and lock-free. {@link #allow()} plus {@link Promise#pass()} read the ticker twice
 * (once each; the latency needs both ends; by default the ticker is {@link Ticker#coarse()}, a
 * volatile read), read the CPU value once, and do two atomic updates of the in-flight count and two
 * of the current bucket; the capacity estimate is only computed when the CPU is over the threshold
 * or the shedder is still hot.
 */
public final class AdaptiveShedder implements Shedder {
  /*
   * Algorithm (go-zero core/load/adaptiveshedder.go [1]; reference sections 3.1-3.2).
   *
   * One rolling window of `buckets` buckets over `window`, ignoring the current bucket, records
   * each passed request: a bucket's count is the number of passes in its interval and its sum the
   * total of their latencies in whole milliseconds, rounded up. go-zero keeps two windows
   * (passCounter and rtCounter) that are always added to together, at the same time; one window
   * with a sum-and-count bucket holds exactly the same numbers with one bucket lookup.
   *
   *   maxPass   = max over completed buckets of the pass count, at least 1
   *   minRt     = min over completed buckets with passes of round(rt sum / passes) ms, else 1000
   *   maxFlight = max(1, maxPass * minRt * windowScale), windowScale = (1 s / bucket) / 1000
   *               (Little's law: peak throughput times best latency)
   *   factor    = clamp((1000 - cpu) / (1000 - cpuThreshold), 0.1, 1)
   *   highThru  = avgFlying > maxFlight * factor && flying > maxFlight * factor
   *   drop      = (cpu >= cpuThreshold || stillHot) && highThru
   *
   * `flying` counts admitted, uncompleted requests. `avgFlying` is an EWMA (beta 0.9) of flying,
   * updated only when a request completes, so it lags behind bursts. When the CPU is over the
   * threshold `overloadTime` is set to now; after a drop, `droppedRecently` keeps the shedder
   * "hot" for 1 s after the last overloaded reading, even if the CPU dips below the threshold,
   * so shedding does not flap; the first check after the cool-off clears the flag.
   *
   * Concurrency design. go-zero guards avgFlying with a spin lock. Here `flying` is an AtomicLong
   * and avgFlying a double updated with a plain read-compute-release-store: two completions
   * racing can lose one EWMA step, whose weight is 0.1; the estimate stays a weighted mean of
   * recent in-flight counts, which is all the comparison needs, and the hot path stays free of
   * locks and CAS loops. overloadTime and droppedRecently are volatile single-writer-wins fields
   * exactly as in go-zero. The window is lock-free (see RollingWindow). The CPU value comes from an
   * IntSupplier, by default CpuUsage::get, a volatile read.
   *
   * Drops are logged (go-zero's "dropreq, cpu: ..." line at error level) at most once per second
   * per shedder with the number of drops since the last line; go-zero logs every drop, which
   * floods the log exactly when the service is overloaded.
   *
   * [1] https://github.com/zeromicro/go-zero/blob/master/core/load/adaptiveshedder.go
   */

  private static final Logger logger = LoggerFactory.getLogger(AdaptiveShedder.class);

  /** Default window: {@value #DEFAULT_WINDOW_MILLIS} ms (go-zero {@code defaultWindow}, 5 s). */
  public static final long DEFAULT_WINDOW_MILLIS = 5_000;

  /** Default number of buckets: {@value} (go-zero {@code defaultBuckets}), 100 ms each. */
  public static final int DEFAULT_BUCKETS = 50;

  /** Default CPU threshold: {@value} per mille, i.e. 90 % (go-zero {@code defaultCpuThreshold}). */
  public static final int DEFAULT_CPU_THRESHOLD = 900;

  /** Default name: {@value}. */
  public static final String DEFAULT_NAME = "shedder";

  /** Full CPU, in per mille (go-zero {@code cpuMax}). */
  static final int CPU_MAX = 1000;

  /** minRt when no completed bucket has a pass: 1 s (go-zero {@code defaultMinRt}), in ms. */
  static final double DEFAULT_MIN_RT_MILLIS = 1000;

  /** EWMA weight of the previous avgFlying (go-zero {@code flyingBeta}). */
  static final double FLYING_BETA = 0.9;

  /**
   * EWMA weight of the new in-flight count: go-zero's {@code 1 - flyingBeta}, which Go folds to the
   * double nearest 0.1 at compile time ({@code 1 - 0.9} computed in doubles is
   * 0.09999999999999998).
   */
  static final double FLYING_NEW_WEIGHT = 0.1;

  /** How long a drop keeps the shedder hot after the last overloaded reading (go-zero 1 s). */
  static final long COOL_OFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Floor of the overload factor: admit at least 10 % of maxFlight (go-zero). */
  static final double OVERLOAD_FACTOR_LOWER_BOUND = 0.1;

  /** Drop lines are logged at most this often per shedder. */
  static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** overloadTime before the CPU was ever over the threshold (go-zero uses 0). */
  static final long NEVER = Long.MIN_VALUE;

  private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  private static final VarHandle AVG_FLYING;

  static {
    try {
      AVG_FLYING =
          MethodHandles.lookup().findVarHandle(AdaptiveShedder.class, "avgFlying", double.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final int cpuThreshold;
  private final double windowScale;
  private final Ticker ticker;
  private final IntSupplier cpuUsage;
  private final ShedderListener listener;
  private final RollingWindow<SumBucket> window;
  private final OverloadedException overloaded;
  private final AtomicLong flying = new AtomicLong();
  private final AtomicLong dropsToLog = new AtomicLong();
  private final AtomicLong nextDropLog = new AtomicLong(NEVER);

  @SuppressWarnings("UnusedVariable") // accessed through AVG_FLYING
  private volatile double avgFlying;

  private volatile long overloadTime = NEVER;
  private volatile boolean droppedRecently;

  private AdaptiveShedder(Builder builder) {
    this.name = builder.name;
    this.cpuThreshold = builder.cpuThreshold;
    this.ticker = builder.ticker != null ? builder.ticker : Ticker.coarse();
    this.cpuUsage = builder.cpuUsage;
    this.listener = builder.listener;
    Duration bucket = builder.window.dividedBy(builder.buckets);
    if (bucket.isZero()) {
      throw new IllegalArgumentException(
          "window: " + builder.window + " (expected: at least 1 ns per bucket)");
    }
    this.windowScale = (double) TimeUnit.SECONDS.toNanos(1) / bucket.toNanos() / CPU_MAX;
    this.window =
        RollingWindow.builder(builder.buckets, bucket, SumBucket::new)
            .ignoreCurrentBucket(true)
            .ticker(ticker)
            .build();
    this.overloaded = new OverloadedException(name);
  }

  /** A builder with go-zero's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The threshold of go-zero's priority shedder for a normal threshold {@code cpuThreshold}:
   * halfway to full CPU, {@code (cpuThreshold + 1000) / 2} (950 for 900).
   */
  public static int priorityCpuThreshold(int cpuThreshold) {
    checkCpuThreshold(cpuThreshold);
    return (cpuThreshold + CPU_MAX) / 2;
  }

  @Override
  public Promise allow() {
    long now = ticker.read();
    if (shouldDrop(now)) {
      droppedRecently = true;
      listener.onDrop();
      throw overloaded;
    }
    flying.incrementAndGet();
    listener.onAllow();
    return new AdmittedRequest(this, now);
  }

  /** The name given to the builder; carried by {@link OverloadedException}. */
  public String name() {
    return name;
  }

  /** The CPU threshold in per mille. */
  public int cpuThreshold() {
    return cpuThreshold;
  }

  /** Requests admitted and not yet completed. */
  public long flying() {
    return flying.get();
  }

  @Override
  public String toString() {
    return "AdaptiveShedder{name=" + name + ", cpuThreshold=" + cpuThreshold + '}';
  }

  boolean shouldDrop(long now) {
    int cpu = cpuUsage.getAsInt();
    boolean overThreshold = cpu >= cpuThreshold;
    if (overThreshold) {
      overloadTime = now;
    } else if (!stillHot(now)) {
      return false;
    }
    Capacity capacity = capacity(now);
    double limit = capacity.maxFlight(windowScale) * overloadFactor(cpu);
    double avg = avgFlying();
    long current = flying.get();
    if (avg > limit && current > limit) {
      logDrop(now, cpu, capacity, current, avg);
      return true;
    }
    return false;
  }

  boolean stillHot(long now) {
    if (!droppedRecently) {
      return false;
    }
    long since = overloadTime;
    if (since == NEVER) {
      return false;
    }
    if (now - since < COOL_OFF_NANOS) {
      return true;
    }
    droppedRecently = false;
    return false;
  }

  double overloadFactor(int cpu) {
    double factor = (double) (CPU_MAX - cpu) / (CPU_MAX - cpuThreshold);
    return Math.max(OVERLOAD_FACTOR_LOWER_BOUND, Math.min(1, factor));
  }

  /** maxPass and minRt over the completed buckets of the window as of {@code now}. */
  Capacity capacity(long now) {
    Capacity capacity = new Capacity();
    window.reduceAt(now, capacity);
    return capacity;
  }

  double maxFlight(long now) {
    return capacity(now).maxFlight(windowScale);
  }

  RollingWindow<SumBucket> window() {
    return window;
  }

  double avgFlying() {
    return (double) AVG_FLYING.getAcquire(this);
  }

  void avgFlying(double value) {
    AVG_FLYING.setRelease(this, value);
  }

  void flying(long value) {
    flying.set(value);
  }

  void droppedRecently(boolean value) {
    droppedRecently = value;
  }

  void overloadTime(long value) {
    overloadTime = value;
  }

  private void complete(long start, boolean passed) {
    long remaining = flying.decrementAndGet();
    avgFlying(avgFlying() * FLYING_BETA + remaining * FLYING_NEW_WEIGHT);
    if (passed) {
      long now = ticker.read();
      window.addAt(now, rtMillis(now - start));
      listener.onPass();
    } else {
      listener.onFail();
    }
  }

  /**
   * Latency in whole milliseconds, rounded up as go-zero does, and at least 1 so that a coarse
   * ticker that did not move during a fast request cannot report a latency of 0.
   */
  static long rtMillis(long elapsedNanos) {
    long millis = -Math.floorDiv(-elapsedNanos, NANOS_PER_MILLI);
    return Math.max(1, millis);
  }

  private void logDrop(long now, int cpu, Capacity capacity, long current, double avg) {
    dropsToLog.incrementAndGet();
    long next = nextDropLog.get();
    if (next != NEVER && now - next < 0) {
      return;
    }
    if (!nextDropLog.compareAndSet(next, now + DROP_LOG_INTERVAL_NANOS)) {
      return;
    }
    long dropped = dropsToLog.getAndSet(0);
    if (logger.isErrorEnabled()) {
      logger.error(
          String.format(
              Locale.ROOT,
              "(%s) dropreq, cpu: %d, maxPass: %d, minRt: %.2f, hot: %b, flying: %d, avgFlying:"
                  + " %.2f, dropped: %d",
              name,
              cpu,
              capacity.maxPass,
              capacity.minRt,
              droppedRecently && overloadTime != NEVER && now - overloadTime < COOL_OFF_NANOS,
              current,
              avg,
              dropped));
    }
  }

  private static void checkCpuThreshold(int cpuThreshold) {
    if (cpuThreshold <= 0 || cpuThreshold >= CPU_MAX) {
      throw new IllegalArgumentException(
          "cpuThreshold: "
              + cpuThreshold
              + " (expected: 1..999 per mille; use Shedder.noop() to disable shedding)");
    }
  }

  /** maxPass and minRt of a window, reduced in one pass. */
  static final class Capacity implements Consumer<SumBucket> {
    long maxPass = 1;
    double minRt = DEFAULT_MIN_RT_MILLIS;

    @Override
    public void accept(SumBucket bucket) {
      long passes = bucket.count();
      if (passes <= 0) {
        return;
      }
      maxPass = Math.max(maxPass, passes);
      double avg = Math.round((double) bucket.sum() / passes);
      minRt = Math.min(minRt, avg);
    }

    double maxFlight(double windowScale) {
      return Math.max(1, maxPass * minRt * windowScale);
    }
  }

  /** The promise of one admitted request: remembers when it was admitted. */
  private static final class AdmittedRequest implements Promise {
    private final AdaptiveShedder shedder;
    private final long start;
    private boolean done;

    AdmittedRequest(AdaptiveShedder shedder, long start) {
      this.shedder = shedder;
      this.start = start;
    }

    @Override
    public void pass() {
      markDone();
      shedder.complete(start, true);
    }

    @Override
    public void fail() {
      markDone();
      shedder.complete(start, false);
    }

    private void markDone() {
      if (done) {
        throw new IllegalStateException(
            "promise of shedder " + shedder.name + " already completed");
      }
      done = true;
    }
  }

  /** Builds an {@link AdaptiveShedder}. Not thread-safe. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private Duration window = Duration.ofMillis(DEFAULT_WINDOW_MILLIS);
    private int buckets = DEFAULT_BUCKETS;
    private int cpuThreshold = DEFAULT_CPU_THRESHOLD;

    /**
     * Null for {@link Ticker#coarse()}, resolved by the shedder: a builder given its own ticker
     * never starts the coarse clock's thread.
     */
    private @Nullable Ticker ticker;

    private IntSupplier cpuUsage = CpuUsage::get;
    private ShedderListener listener = ShedderListener.NOOP;

    private Builder() {}

    /**
     * The name carried by {@link OverloadedException} and the drop log. Default: {@value
     * #DEFAULT_NAME}.
     */
    public Builder name(String name) {
      requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name: \"\" (expected: non-empty)");
      }
      this.name = name;
      return this;
    }

    /**
     * The span of history the capacity estimate looks at (go-zero {@code WithWindow}). Default: 5
     * s.
     */
    public Builder window(Duration window) {
      requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
      }
      this.window = window;
      return this;
    }

    /**
     * How many buckets the window is cut into (go-zero {@code WithBuckets}). Default: {@value
     * #DEFAULT_BUCKETS}.
     */
    public Builder buckets(int buckets) {
      if (buckets < 1) {
        throw new IllegalArgumentException("buckets: " + buckets + " (expected: > 0)");
      }
      this.buckets = buckets;
      return this;
    }

    /**
     * The CPU usage, in per mille of the container's quota, at and above which the shedder may drop
     * (go-zero {@code WithCpuThreshold}). Default: {@value #DEFAULT_CPU_THRESHOLD}.
     */
    public Builder cpuThreshold(int cpuThreshold) {
      checkCpuThreshold(cpuThreshold);
      this.cpuThreshold = cpuThreshold;
      return this;
    }

    /**
     * The time source for latencies, buckets and the cool-off. Default: {@link Ticker#coarse()}, a
     * volatile read instead of two {@code System.nanoTime()} calls per request. Latencies are kept
     * in whole milliseconds (rounded up) anyway; the coarse clock's millisecond steps move a single
     * latency by up to about a millisecond either way, which averages out over a bucket (Sentinel
     * measures RT with a millisecond clock too). Pass {@link Ticker#system()} for exact latencies.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Where the CPU usage (per mille, 0..1000) comes from; called once per {@link #allow()}, so it
     * must be a cheap read. Default: {@link CpuUsage#get()}. Tests pass a fixed value.
     */
    public Builder cpuUsage(IntSupplier cpuUsage) {
      this.cpuUsage = requireNonNull(cpuUsage, "cpuUsage");
      return this;
    }

    /** Observes allows, drops, passes and fails. Default: {@link ShedderListener#NOOP}. */
    public Builder listener(ShedderListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * A new shedder.
     *
     * @throws IllegalArgumentException if the window is shorter than one nanosecond per bucket
     */
    public AdaptiveShedder build() {
      return new AdaptiveShedder(this);
    }
  }
}
