package io.github.zero4j.core.mr;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/*
 * The channel from mappers to the reducer, go-zero's `collector` (buffered `workers`). The queue
 * itself is unbounded so that the END marker can always be added without blocking; the buffer
 * bound is a semaphore of `workers` permits that a writer takes before adding an item and the
 * reducer gives back after taking one. Only the reducer's thread iterates.
 */
final class Pipe<U> implements Iterable<U> {
  private static final Object END = new Object();

  private final Run<?, U> run;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Semaphore space;
  private final Reader reader = new Reader();

  Pipe(Run<?, U> run, int capacity) {
    this.run = run;
    this.space = new Semaphore(capacity);
  }

  void put(U item) throws InterruptedException {
    space.acquire();
    queue.add(item);
  }

  /** Wakes the reducer and ends its iteration after the items already queued. */
  void end() {
    queue.add(END);
  }

  /** Always the same iterator: the pipe is single-pass. */
  @Override
  public Iterator<U> iterator() {
    return reader;
  }

  private final class Reader implements Iterator<U> {
    private @Nullable Object next;
    private boolean ended;

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (ended) {
        return false;
      }
      if (run.stopped()) {
        ended = true;
        return false;
      }
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        ended = true;
        Thread.currentThread().interrupt();
        run.fail(Run.interruption(e));
        return false;
      }
      if (item == END) {
        ended = true;
        return false;
      }
      space.release();
      next = item;
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public U next() {
      Object item = hasNext() ? next : null;
      if (item == null) {
        throw new NoSuchElementException("pipe ended");
      }
      next = null;
      return (U) item;
    }
  }
}
