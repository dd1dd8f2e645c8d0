package io.github.zero4j.core.executors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A consumer that records each batch and the thread it ran on; tests wait on it, never sleep. */
final class Batches<T> implements Consumer<List<T>> {
  private static final long TIMEOUT_SECONDS = 10;

  private final LinkedBlockingQueue<List<T>> delivered = new LinkedBlockingQueue<>();
  private final List<List<T>> all = new ArrayList<>();
  private volatile Thread lastThread = Thread.currentThread();

  @Override
  public void accept(List<T> batch) {
    lastThread = Thread.currentThread();
    synchronized (all) {
      all.add(batch);
    }
    delivered.add(batch);
  }

  /** The next batch, waiting for it up to 10 s. */
  List<T> next() throws InterruptedException {
    List<T> batch = delivered.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(batch).as("a batch within %d s", TIMEOUT_SECONDS).isNotNull();
    return batch;
  }

  /** Batches delivered and not yet taken by {@link #next()}. */
  int pending() {
    return delivered.size();
  }

  /** Every batch delivered so far, in order. */
  List<List<T>> all() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  /** Every task delivered so far, in order. */
  List<T> tasks() {
    List<T> tasks = new ArrayList<>();
    for (List<T> batch : all()) {
      tasks.addAll(batch);
    }
    return tasks;
  }

  Thread lastThread() {
    return lastThread;
  }

  /** Spins (yielding) until {@code condition} holds; fails after 10 s. */
  @SuppressWarnings("ThreadPriorityCheck") // tests share 2 cores: let the awaited thread run
  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition within 10 s").isNegative();
      Thread.yield();
    }
  }
}
