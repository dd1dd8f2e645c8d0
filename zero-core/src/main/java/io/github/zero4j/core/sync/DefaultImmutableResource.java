package io.github.zero4j.core.sync;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * The value lives in a volatile field read without locking. Until it is set, callers take a
 * ReentrantLock (not synchronized: a fetch may block, and virtual threads must not pin), re-check
 * the value, and either reject (the last attempt failed and started no more than the refresh
 * interval ago, go-zero's `lastTime + refreshInterval < now` test inverted) or fetch. The attempt
 * time is taken before the fetch, as go-zero does, so the interval counts from the attempt's
 * start. Holding the lock across the fetch makes concurrent first callers wait for one fetch
 * instead of fetching in parallel or seeing nothing, as they can in go-zero.
 */
final class DefaultImmutableResource<T> implements ImmutableResource<T> {
  private final Supplier<? extends T> fetch;
  private final Duration refreshInterval;
  private final long refreshNanos;
  private final Ticker ticker;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable T value;
  // Guarded by lock.
  private @Nullable Throwable lastFailure;
  private long lastAttemptNanos;

  DefaultImmutableResource(Supplier<? extends T> fetch, Duration refreshInterval, Ticker ticker) {
    this.fetch = fetch;
    this.refreshInterval = refreshInterval;
    this.refreshNanos = refreshInterval.toNanos();
    this.ticker = ticker;
  }

  @Override
  public T get() {
    T current = value;
    if (current != null) {
      return current;
    }
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WaitInterruptedException("interrupted while waiting for the resource fetch");
    }
    try {
      current = value;
      if (current != null) {
        return current;
      }
      long now = ticker.read();
      Throwable failure = lastFailure;
      if (failure != null && refreshNanos > 0 && now - lastAttemptNanos <= refreshNanos) {
        throw new ResourceUnavailableException(
            "resource unavailable: the last fetch failed; fetches are retried at most every "
                + refreshInterval,
            failure);
      }
      lastAttemptNanos = now;
      return fetchNow();
    } finally {
      lock.unlock();
    }
  }

  /** Callers waiting for the lock; a test hook. */
  int waitingCallers() {
    return lock.getQueueLength();
  }

  private T fetchNow() {
    T fetched;
    try {
      fetched = fetch.get();
      if (fetched == null) {
        throw new NullPointerException("fetch returned null");
      }
    } catch (Throwable t) {
      lastFailure = t;
      throw t;
    }
    lastFailure = null;
    value = fetched;
    return fetched;
  }
}
