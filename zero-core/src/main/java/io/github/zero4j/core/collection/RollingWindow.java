package io.github.zero4j.core.collection;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sliding window of {@code size} buckets, each covering {@code interval} of time: values are
 * added to the bucket of the current interval, and {@link #reduce} visits the buckets still inside
 * the window, oldest first. go-zero's {@code collection.RollingWindow}, including its {@code
 * IgnoreCurrentBucket} option.
 *
 * <pre>{@code
 * RollingWindow<SumBucket> window = RollingWindow.of(10, Duration.ofMillis(100));
 * window.add(5);
 * long[] total = new long[1];
 * window.reduce(b -> total[0] += b.sum());
 * }</pre>
 *
 * <p>Thread-safe and lock-free: {@link #add} is a ticker read, a division, one volatile array read
 * and the bucket's own atomic add; a new bucket is allocated once per interval, not per add.
 */
public final class RollingWindow<B extends Bucket> {
  /*
   * Algorithm.
   *
   * Time is cut into epochs: epoch(t) = floor((t - origin) / interval), origin being the ticker
   * reading at construction. go-zero keeps an offset and the start time of the last written bucket,
   * re-aligned to interval boundaries on every add; that is the same partition of time, so
   * absolute epochs reproduce its bucket boundaries exactly [1].
   *
   * The ring has `size` slots; epoch e lives in slot e mod size. Each slot holds an immutable
   * (epoch, bucket) pair. A reader treats a slot whose epoch is not the one it asks for as an empty
   * bucket, so stale buckets are skipped lazily, as go-zero skips them [1].
   *
   * `lastEpoch` is the newest epoch a value was added to (initially the creation epoch). go-zero's
   * Reduce visits the buckets from epoch now - size + 1 up to the last written one, oldest first:
   * the buckets after it are known to be empty and are not visited. With IgnoreCurrentBucket the
   * bucket of the current epoch is left out while it is still being filled (the "span == 0" case);
   * once time has moved on, the last written bucket is complete and counts [1]. The number of
   * buckets visited matches go-zero's, empty ones included, because callers such as a "list the
   * buckets" test or a max/min reduction can observe it.
   *
   * Concurrency design.
   *
   * go-zero guards the ring with a RW mutex. Here a writer that finds its slot holding an older
   * epoch installs a fresh (epoch, bucket) pair with one CAS and adds to whichever pair won the
   * race; it never clears a bucket in place, so no add can be wiped by a concurrent reset (the bug
   * class of Sentinel's LeapArray, which needs a lock to reset [2]). The cost is one small
   * allocation per slot per interval. The only lost update is a writer that read its epoch, then
   * stalled for a whole window (size - 1 intervals) before adding: it adds to a pair already
   * replaced. A writer whose slot already holds a newer epoch (it stalled less than that) adds to
   * the newer bucket, which is where go-zero, reading time under its lock, would have put it.
   * `lastEpoch` only moves forward, by CAS, and only when a new pair is installed.
   *
   * [1] go-zero core/collection/rollingwindow.go (Add/updateOffset/Reduce/span) and its tests.
   * [2] alibaba/Sentinel LeapArray#currentWindow and issue #2230.
   */

  private static final VarHandle LAST_EPOCH;

  static {
    try {
      LAST_EPOCH =
          MethodHandles.lookup().findVarHandle(RollingWindow.class, "lastEpoch", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int size;
  private final long intervalNanos;
  private final boolean ignoreCurrent;
  private final Ticker ticker;
  private final long origin;
  private final Supplier<? extends B> newBucket;
  private final B empty;
  private final AtomicReferenceArray<Slot<B>> slots;
  private volatile long lastEpoch;

  private RollingWindow(Builder<B> builder) {
    this.size = builder.size;
    this.intervalNanos = builder.interval.toNanos();
    this.ignoreCurrent = builder.ignoreCurrentBucket;
    this.ticker = builder.ticker;
    this.newBucket = builder.newBucket;
    this.empty = requireNonNull(newBucket.get(), "newBucket.get()");
    this.origin = ticker.read();
    Slot<B> vacant = new Slot<>(Long.MIN_VALUE, empty);
    this.slots = new AtomicReferenceArray<>(size);
    for (int i = 0; i < size; i++) {
      slots.set(i, vacant);
    }
    this.lastEpoch = 0;
  }

  /**
   * A window of {@code size} {@link SumBucket}s of {@code interval} each, counting the current
   * bucket, on {@link Ticker#system()}.
   */
  public static RollingWindow<SumBucket> of(int size, Duration interval) {
    return builder(size, interval, SumBucket::new).build();
  }

  /**
   * A builder for a window of {@code size} buckets of {@code interval} each, made by {@code
   * newBucket}.
   *
   * @throws IllegalArgumentException if {@code size < 1} or {@code interval} is not positive
   */
  public static <B extends Bucket> Builder<B> builder(
      int size, Duration interval, Supplier<? extends B> newBucket) {
    return new Builder<>(size, interval, newBucket);
  }

  /** Adds {@code value} to the bucket of the current interval. */
  public void add(long value) {
    addAt(ticker.read(), value);
  }

  /**
   * Adds {@code value} to the bucket of the interval that contains {@code nanoTime}, a reading of
   * this window's ticker taken by the caller (so a caller that has just read the clock does not
   * read it again).
   */
  public void addAt(long nanoTime, long value) {
    long epoch = epoch(nanoTime);
    int index = index(epoch);
    Slot<B> slot = slots.get(index);
    if (slot.epoch != epoch) {
      slot = roll(index, slot, epoch);
    }
    slot.bucket.add(value);
  }

  /**
   * Visits the buckets inside the window, oldest first, as go-zero's {@code Reduce} does: buckets
   * with no data inside the window are passed as an empty bucket, and the current bucket is left
   * out while it is being filled if the window ignores it. {@code fn} must not add to the buckets.
   */
  public void reduce(Consumer<? super B> fn) {
    reduceAt(ticker.read(), fn);
  }

  /** {@link #reduce} as of {@code nanoTime}, a reading of this window's ticker. */
  public void reduceAt(long nanoTime, Consumer<? super B> fn) {
    long now = epoch(nanoTime);
    long newest = lastEpoch;
    if (newest >= now) {
      newest = ignoreCurrent ? now - 1 : now;
    }
    for (long epoch = now - size + 1; epoch <= newest; epoch++) {
      Slot<B> slot = slots.get(index(epoch));
      fn.accept(slot.epoch == epoch ? slot.bucket : empty);
    }
  }

  /** The number of buckets. */
  public int size() {
    return size;
  }

  /** The time each bucket covers. */
  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** Whether {@link #reduce} leaves out the bucket still being filled. */
  public boolean ignoresCurrentBucket() {
    return ignoreCurrent;
  }

  private Slot<B> roll(int index, Slot<B> seen, long epoch) {
    Slot<B> current = seen;
    while (current.epoch < epoch) {
      Slot<B> fresh = new Slot<>(epoch, newBucket.get());
      if (slots.compareAndSet(index, current, fresh)) {
        advanceLastEpoch(epoch);
        return fresh;
      }
      current = slots.get(index);
    }
    // Same epoch installed by another writer, or a newer one: this writer stalled; see above.
    return current;
  }

  private void advanceLastEpoch(long epoch) {
    long last;
    while ((last = lastEpoch) < epoch) {
      if (LAST_EPOCH.compareAndSet(this, last, epoch)) {
        return;
      }
    }
  }

  private long epoch(long nanoTime) {
    return Math.floorDiv(nanoTime - origin, intervalNanos);
  }

  private int index(long epoch) {
    return (int) Math.floorMod(epoch, (long) size);
  }

  /** An epoch and the bucket holding its data; replaced, never mutated, when the slot is reused. */
  private static final class Slot<B> {
    final long epoch;
    final B bucket;

    Slot(long epoch, B bucket) {
      this.epoch = epoch;
      this.bucket = bucket;
    }
  }

  /** Builds a {@link RollingWindow}. Not thread-safe. */
  public static final class Builder<B extends Bucket> {
    private final int size;
    private final Duration interval;
    private final Supplier<? extends B> newBucket;
    private boolean ignoreCurrentBucket;
    private Ticker ticker = Ticker.system();

    private Builder(int size, Duration interval, Supplier<? extends B> newBucket) {
      if (size < 1) {
        throw new IllegalArgumentException("size: " + size + " (expected: > 0)");
      }
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
      }
      this.size = size;
      this.interval = interval;
      this.newBucket = requireNonNull(newBucket, "newBucket");
    }

    /**
     * Leaves the bucket still being filled out of {@link #reduce} (go-zero's {@code
     * IgnoreCurrentBucket}), so partial data does not skew a reduction. Default: {@code false}.
     */
    public Builder<B> ignoreCurrentBucket(boolean ignoreCurrentBucket) {
      this.ignoreCurrentBucket = ignoreCurrentBucket;
      return this;
    }

    /** The time source. Default: {@link Ticker#system()}. */
    public Builder<B> ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** A new window; its first bucket starts now. */
    public RollingWindow<B> build() {
      return new RollingWindow<>(this);
    }
  }
}
