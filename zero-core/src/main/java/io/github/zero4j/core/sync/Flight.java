package io.github.zero4j.core.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/*
 * One call in flight for one key: the latch its waiters block on and the outcome they share.
 *
 * Completion is a single volatile write of `outcome` (the value, NULL_VALUE for null, or a Failure)
 * followed by a volatile read of `waiters`; a waiter pushes itself on the `waiters` Treiber stack
 * with a CAS and then re-reads `outcome` before parking. Both sides use volatile accesses, so at
 * least one of them sees the other's write and no wake-up is lost (the same handshake as
 * java.util.concurrent.FutureTask). Only when the completer sees waiters does it swap the stack
 * for DONE and unpark them, so an uncontended flight costs one volatile store and one load.
 *
 * Waiters spin briefly before parking: a hot key with a cheap supplier completes in tens of
 * nanoseconds, far less than a park/unpark round trip.
 */
final class Flight {
  /** Spins before parking; none on a single CPU, where spinning only delays the owner. */
  private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 64 : 0;

  /** Stands for a {@code null} value, because a null outcome means "still running". */
  private static final Object NULL_VALUE = new Object();

  /** Replaces the waiter stack once the completer has taken it. */
  private static final Object DONE = new Object();

  private static final VarHandle WAITERS;

  static {
    try {
      WAITERS = MethodHandles.lookup().findVarHandle(Flight.class, "waiters", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Object key;
  final int hash;
  private volatile @Nullable Object outcome;
  private volatile @Nullable Object waiters;

  Flight(Object key) {
    this.key = key;
    this.hash = spread(key.hashCode());
  }

  /** Mixes high bits into low ones, as {@code HashMap} does, so a power-of-two mask spreads. */
  static int spread(int h) {
    return h ^ (h >>> 16);
  }

  boolean sameKey(Flight other) {
    return hash == other.hash && key.equals(other.key);
  }

  void complete(@Nullable Object value) {
    finish(value == null ? NULL_VALUE : value);
  }

  void fail(Throwable failure) {
    finish(new Failure(failure));
  }

  private void finish(Object result) {
    outcome = result;
    if (waiters != null) {
      Object stack = WAITERS.getAndSet(this, DONE);
      for (WaitNode node = (WaitNode) stack; node != null; node = node.next) {
        Thread thread = node.thread;
        if (thread != null) {
          LockSupport.unpark(thread);
        }
      }
    }
  }

  /**
   * Blocks until the flight completes, then returns its value or throws the very throwable the
   * owner's supplier threw.
   *
   * @throws WaitInterruptedException if this thread is interrupted first (the flag stays set)
   */
  @Nullable Object join() {
    Object result = await();
    if (result instanceof Failure failure) {
      throw Failure.sneakyThrow(failure.cause);
    }
    return result == NULL_VALUE ? null : result;
  }

  /** Blocks until the flight completes; ignores its outcome. */
  void awaitCompletion() {
    await();
  }

  private Object await() {
    Object result = outcome;
    for (int i = 0; result == null && i < SPINS; i++) {
      Thread.onSpinWait();
      result = outcome;
    }
    if (result != null) {
      return result;
    }
    WaitNode node = new WaitNode(Thread.currentThread());
    while (true) {
      Object stack = waiters;
      if (stack == DONE) {
        return awaitPublished();
      }
      node.next = (WaitNode) stack;
      if (WAITERS.compareAndSet(this, stack, node)) {
        break;
      }
    }
    while (true) {
      result = outcome;
      if (result != null) {
        return result;
      }
      if (Thread.currentThread().isInterrupted()) {
        node.thread = null;
        throw new WaitInterruptedException(
            "interrupted while waiting for the call in flight for key " + key);
      }
      LockSupport.park(this);
    }
  }

  /** DONE is set only after {@link #outcome}, so the outcome is visible here. */
  private Object awaitPublished() {
    Object result = outcome;
    if (result == null) {
      throw new AssertionError("waiters closed before the outcome was published");
    }
    return result;
  }

  /** Number of threads parked on this flight; a test hook. */
  int parkedWaiters() {
    Object stack = waiters;
    int count = 0;
    if (stack instanceof WaitNode top) {
      for (WaitNode node = top; node != null; node = node.next) {
        if (node.thread != null) {
          count++;
        }
      }
    }
    return count;
  }

  private static final class WaitNode {
    volatile @Nullable Thread thread;
    @Nullable WaitNode next;

    WaitNode(Thread thread) {
      this.thread = thread;
    }
  }

  private static final class Failure {
    final Throwable cause;

    Failure(Throwable cause) {
      this.cause = cause;
    }

    /**
     * Rethrows {@code t} unchanged, checked or not: a supplier can only throw a checked exception
     * by sneaking it past the compiler, and the owner rethrows it as is, so waiters do the same.
     */
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
      throw (E) t;
    }
  }
}
