package io.github.zero4j.core.mr;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A handle the caller keeps to cancel map-reduce runs from outside, the role of go-zero's {@code
 * WithContext(ctx)}. Pass it in {@link MapReduceOptions.Builder#cancellation}; one handle may serve
 * any number of runs, and a cancelled handle cancels runs started with it later too.
 *
 * <pre>{@code
 * Cancellation cancellation = Cancellation.create();
 * MapReduceOptions options = MapReduceOptions.builder().cancellation(cancellation).build();
 * // elsewhere: cancellation.cancel();
 * }</pre>
 *
 * <p>A cancelled run stops its generator, interrupts its running mappers, and throws a {@link
 * CancellationException} "mapreduce cancelled" to its caller (go-zero returns {@code
 * context.DeadlineExceeded} whatever the reason). Thread-safe.
 */
public final class Cancellation {
  /** Recorded as the cause when {@link #cancel()} is called without one. */
  private static final Object NO_CAUSE = new Object();

  private final AtomicReference<@Nullable Object> cause = new AtomicReference<>();
  private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();

  private Cancellation() {}

  public static Cancellation create() {
    return new Cancellation();
  }

  /** Cancels the runs using this handle. Calls after the first have no effect. */
  public void cancel() {
    fire(NO_CAUSE);
  }

  /** Cancels the runs using this handle, giving their callers {@code cause} as the reason. */
  public void cancel(Throwable cause) {
    fire(requireNonNull(cause, "cause"));
  }

  public boolean isCancelled() {
    return cause.get() != null;
  }

  /** A new exception for one run's caller, so runs never share a mutable exception. */
  CancellationException newException() {
    CancellationException exception = new CancellationException("mapreduce cancelled");
    Object reason = cause.get();
    if (reason instanceof Throwable throwable) {
      exception.initCause(throwable);
    }
    return exception;
  }

  /** Runs {@code listener} once when this handle is cancelled, at once if it already is. */
  void register(Runnable listener) {
    listeners.add(listener);
    if (isCancelled() && listeners.remove(listener)) {
      listener.run();
    }
  }

  void unregister(Runnable listener) {
    listeners.remove(listener);
  }

  private void fire(Object reason) {
    if (!cause.compareAndSet(null, reason)) {
      return;
    }
    for (Runnable listener : listeners.toArray(new Runnable[0])) {
      // Removing claims the listener, so a concurrent register() cannot run it a second time.
      if (listeners.remove(listener)) {
        listener.run();
      }
    }
  }
}
