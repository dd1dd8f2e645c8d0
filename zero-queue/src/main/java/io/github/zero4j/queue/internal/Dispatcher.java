package io.github.zero4j.queue.internal;

import io.github.zero4j.core.timex.Ticker;
import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Hands one driver's fetched messages to workers and brings their completions back.
 *
 * <pre>
 * submit (driver): the message gets a sequence in its partition's OffsetTracker, counts as in
 *   flight, and goes to the lane of its key (created on demand, removed when its last message is
 *   drained), or straight to the executor when it is unordered.
 * completed (worker): the delivery is pushed on a lock-free MPSC queue, the in-flight count drops
 *   and the driver is unparked if it waits for completions.
 * drainCompletions (driver): pops completions, marks finished offsets in the trackers and tidies
 *   the lanes. Trackers and lanes are touched by the driver only, so they need no locks; workers
 *   only ever see a delivery and its partition's volatile revoked flag.
 * drain (driver, on revoke and stop; nothing is submitted meanwhile): waits until every message of
 *   the partitions is finished or the deadline passes, then revokes them: what is left is
 *   abandoned, uncommitted, for the next owner.
 * </pre>
 *
 * <p>Ordering: {@link Ordering#KEY} keeps messages of one key (per partition) in offset order and
 * runs different keys in parallel; {@link Ordering#PARTITION} runs each partition serially; {@link
 * Ordering#NONE} runs everything in parallel. Commits are always in order (see {@link
 * OffsetTracker}).
 */
public final class Dispatcher<D extends Delivery> {

  /** What messages are ordered by. */
  public enum Ordering {
    /** Per key within a partition; messages without a key are unordered. */
    KEY,
    /** Per partition: one message of a partition at a time. */
    PARTITION,
    /** No order. */
    NONE
  }

  /** Drain waits re-check at least this often (100 ms), whatever wakes them. */
  private static final long MAX_DRAIN_PARK_NANOS = 100_000_000L;

  /** The lane key of {@link Ordering#PARTITION}: one lane per partition. */
  private static final Object PARTITION_LANE = new Object();

  private final Executor executor;
  private final Processor<D> processor;
  private final InFlight inFlight;
  private final Ordering ordering;
  private final ConcurrentLinkedQueue<Delivery> completions = new ConcurrentLinkedQueue<>();
  private volatile @Nullable Thread waiter;

  Dispatcher(Executor executor, Processor<D> processor, InFlight inFlight, Ordering ordering) {
    this.executor = executor;
    this.processor = processor;
    this.inFlight = inFlight;
    this.ordering = ordering;
  }

  /** Driver: dispatches {@code delivery}, the next fetched message of its partition. */
  public void submit(D delivery) {
    PartitionState partition = delivery.partition();
    delivery.seq = partition.tracker.append(delivery.offset());
    delivery.owner = this;
    partition.outstanding++;
    inFlight.acquire();
    Object laneKey = laneKey(delivery);
    if (laneKey == null) {
      executor.execute(() -> processor.process(delivery));
      return;
    }
    @SuppressWarnings("unchecked")
    Lane<D> lane = (Lane<D>) partition.lanes.get(laneKey);
    if (lane == null) {
      lane = new Lane<>(laneKey, executor, processor);
      partition.lanes.put(laneKey, lane);
    }
    lane.pending++;
    delivery.lane = lane;
    lane.offer(delivery);
  }

  private @Nullable Object laneKey(D delivery) {
    switch (ordering) {
      case KEY:
        return delivery.key();
      case PARTITION:
        return PARTITION_LANE;
      default:
        return null;
    }
  }

  /** Worker: {@code delivery} is finished ({@code done}) or abandoned (left uncommitted). */
  void completed(Delivery delivery, boolean done) {
    delivery.done = done;
    completions.offer(delivery);
    inFlight.release();
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /** Driver: applies the completions reported so far; returns how many. */
  public int drainCompletions() {
    int n = 0;
    Delivery d;
    while ((d = completions.poll()) != null) {
      n++;
      PartitionState partition = d.partition();
      if (partition.detached) {
        continue;
      }
      partition.outstanding--;
      Lane<?> lane = d.lane;
      if (lane != null && --lane.pending == 0) {
        partition.lanes.remove(lane.key);
      }
      if (d.done) {
        partition.tracker.complete(d.seq);
      }
    }
    return n;
  }

  /** Driver: parks until a completion arrives or {@code nanos} pass. */
  public void awaitCompletions(long nanos) {
    waiter = Thread.currentThread();
    try {
      if (completions.isEmpty()) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      waiter = null;
    }
  }

  /**
   * Driver: waits until every message of {@code partitions} dispatched so far is finished (queued
   * ones and retries included), or until {@code deadlineNanos} on {@code clock}; then revokes the
   * partitions, so whatever is left is abandoned (left uncommitted for the next owner).
   *
   * <p>Queued messages are not abandoned at once: with key lanes a partition's messages finish out
   * of offset order, so abandoning a queued message while later offsets of other keys are done
   * would leave those behind the commit, and the next owner would handle them again.
   *
   * @return the number of messages not finished at the deadline (0 when fully drained)
   */
  public int drain(Collection<PartitionState> partitions, long deadlineNanos, Ticker clock) {
    try {
      while (true) {
        drainCompletions();
        int unfinished = 0;
        for (PartitionState p : partitions) {
          unfinished += p.outstanding;
        }
        long left = deadlineNanos - clock.read();
        if (unfinished == 0 || left <= 0) {
          return unfinished;
        }
        awaitCompletions(Math.min(left, MAX_DRAIN_PARK_NANOS));
      }
    } finally {
      for (PartitionState p : partitions) {
        p.revoke();
      }
    }
  }
}
