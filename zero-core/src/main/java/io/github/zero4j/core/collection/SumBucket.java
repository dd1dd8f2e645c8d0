package io.github.zero4j.core.collection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The default {@link Bucket}, go-zero's {@code collection.Bucket}: the sum of the values added and
 * how many were added.
 *
 * <p>Thread-safe and lock-free: each {@link #add} is two atomic additions. A reader racing with a
 * writer may see the new sum before the new count (never a torn value of either); an average taken
 * from such a read is off by at most one sample.
 */
public final class SumBucket implements Bucket {
  private static final VarHandle SUM;
  private static final VarHandle COUNT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      SUM = lookup.findVarHandle(SumBucket.class, "sum", long.class);
      COUNT = lookup.findVarHandle(SumBucket.class, "count", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("UnusedVariable") // accessed through SUM
  private volatile long sum;

  @SuppressWarnings("UnusedVariable") // accessed through COUNT
  private volatile long count;

  /** An empty bucket. */
  public SumBucket() {}

  @Override
  public void add(long value) {
    SUM.getAndAdd(this, value);
    COUNT.getAndAdd(this, 1L);
  }

  /** The sum of the values added. */
  public long sum() {
    return sum;
  }

  /** How many values were added. */
  public long count() {
    return count;
  }

  @Override
  public String toString() {
    return "SumBucket{sum=" + sum + ", count=" + count + '}';
  }
}
