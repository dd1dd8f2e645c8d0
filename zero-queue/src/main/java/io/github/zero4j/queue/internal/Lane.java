package io.github.zero4j.queue.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The messages of one key of one partition, handled one at a time in offset order.
 *
 * <pre>
 * A serial executor: the driver offers a message and increments the work count; the increment
 * that finds 0 submits the lane to the worker executor. The running task handles one message per
 * decrement and ends when the count reaches 0, so at most one task runs per lane and messages run
 * in the order offered; the atomic count orders each hand-over. After BATCH messages the task
 * resubmits itself instead of looping, so a hot key cannot keep a platform worker to itself.
 * </pre>
 *
 * <p>{@link #offer} and {@link #pending} belong to the driver thread; {@link #run} to one worker at
 * a time.
 */
final class Lane<D extends Delivery> implements Runnable {
  /** Messages a lane handles before yielding its worker (a fairness bound, not a tuned value). */
  private static final int BATCH = 64;

  final Object key;
  private final Executor executor;
  private final Processor<D> processor;
  private final ConcurrentLinkedQueue<D> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger work = new AtomicInteger();

  /** Driver only: messages offered whose completion has not been drained. */
  int pending;

  Lane(Object key, Executor executor, Processor<D> processor) {
    this.key = key;
    this.executor = executor;
    this.processor = processor;
  }

  void offer(D delivery) {
    queue.offer(delivery);
    if (work.getAndIncrement() == 0) {
      executor.execute(this);
    }
  }

  @Override
  public void run() {
    for (int n = 0; n < BATCH; n++) {
      D next = queue.poll();
      if (next != null) {
        processor.process(next);
      }
      if (work.decrementAndGet() == 0) {
        return;
      }
    }
    try {
      executor.execute(this);
    } catch (RejectedExecutionException e) {
      // The queue was aborted: the rest of this lane stays uncommitted and is redelivered.
    }
  }
}
