package io.github.zero4j.queue.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One partition while a consumer owns it: its offset tracker and key lanes (driver thread only) and
 * a revoked flag that workers read. A partition assigned again later gets a new instance, so late
 * completions of the old ownership are recognised and ignored.
 */
public final class PartitionState {
  private final int partition;
  private final CountDownLatch revokedLatch = new CountDownLatch(1);
  private volatile boolean revoked;

  // Driver thread only.
  final OffsetTracker tracker = new OffsetTracker();
  final Map<Object, Lane<?>> lanes = new HashMap<>();
  int outstanding;
  boolean detached;
  private long committed = -1;

  public PartitionState(int partition) {
    this.partition = partition;
  }

  public int partition() {
    return partition;
  }

  /**
   * Stops work on this partition: messages not started yet are abandoned (left uncommitted for the
   * next owner), retries waiting for their backoff give up. Running handlers finish. Any thread.
   */
  public void revoke() {
    revoked = true;
    revokedLatch.countDown();
  }

  public boolean revoked() {
    return revoked;
  }

  /** Waits up to {@code nanos}; true if the partition was revoked meanwhile. */
  boolean awaitRevoked(long nanos) throws InterruptedException {
    return nanos <= 0 ? revoked : revokedLatch.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** Driver: messages dispatched whose completion has not been drained yet. */
  public int outstanding() {
    return outstanding;
  }

  /** Driver: the offset to commit, or -1 when nothing was fetched. */
  public long committable() {
    return tracker.committable();
  }

  /** Driver: whether {@link #committable()} is ahead of what was committed. */
  public boolean hasNewCommit() {
    long c = tracker.committable();
    return c >= 0 && c > committed;
  }

  /** Driver: records a successful commit of {@code offset}. */
  public void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  /** Driver: the last committed offset, -1 if none by this owner. */
  public long lastCommitted() {
    return committed;
  }

  /** Driver: fetched offsets the commit cannot cover yet. */
  public long gap() {
    return tracker.gap();
  }

  /** Driver: the partition is no longer ours; its late completions are ignored. */
  public void detach() {
    revoke();
    detached = true;
    lanes.clear();
  }

  @Override
  public String toString() {
    return "partition " + partition;
  }
}
