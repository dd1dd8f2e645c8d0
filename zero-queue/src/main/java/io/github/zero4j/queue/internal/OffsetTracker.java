package io.github.zero4j.queue.internal;

/**
 * Which offset of one partition may be committed: the lowest offset not yet finished, or, when
 * everything fetched is finished, the offset after the last one fetched.
 *
 * <pre>
 * Algorithm: offsets arrive in increasing order (the order a partition is fetched in) and get
 * consecutive sequence numbers. A ring buffer indexed by sequence number holds each offset and a
 * done flag. complete(seq) sets the flag and then advances the head past every done entry, so the
 * head is always the oldest unfinished entry and committable() is its offset: O(1) per append,
 * amortised O(1) per completion, whatever order completions come in. Offsets need not be
 * contiguous (compacted topics, transaction markers): the committed offset is always one that was
 * fetched, or one past the last fetched, and never passes an unfinished message.
 * </pre>
 *
 * <p>Not thread-safe: only the partition's driver thread (the poll thread) uses it.
 */
public final class OffsetTracker {
  /** Room for 64 outstanding messages before the first growth. */
  private static final int INITIAL_CAPACITY = 64;

  private long[] offsets = new long[INITIAL_CAPACITY];
  private boolean[] done = new boolean[INITIAL_CAPACITY];
  private long head;
  private long tail;
  private long next = -1;

  /** Records a fetched offset (greater than every offset appended before); returns its sequence. */
  public long append(long offset) {
    if (offset < next) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= " + next + ")");
    }
    if (tail - head == offsets.length) {
      grow();
    }
    int i = index(tail);
    offsets[i] = offset;
    done[i] = false;
    next = offset + 1;
    return tail++;
  }

  /**
   * Marks the message of sequence {@code seq} finished; unknown or already passed ones are ignored.
   */
  public void complete(long seq) {
    if (seq < head || seq >= tail) {
      return;
    }
    done[index(seq)] = true;
    while (head < tail && done[index(head)]) {
      head++;
    }
  }

  /**
   * The offset to commit: the lowest unfinished offset, or one past the last appended when all are
   * finished; -1 when nothing was appended yet.
   */
  public long committable() {
    return head < tail ? offsets[index(head)] : next;
  }

  /** Messages from the lowest unfinished one on (finished ones behind it included). */
  public long pending() {
    return tail - head;
  }

  /**
   * Fetched messages the commit cannot cover yet: from the committable offset to the last appended,
   * in offsets; 0 when everything is finished or nothing was appended.
   */
  public long gap() {
    return head < tail ? next - offsets[index(head)] : 0;
  }

  private int index(long seq) {
    return (int) (seq & (offsets.length - 1));
  }

  private void grow() {
    int size = offsets.length;
    long[] newOffsets = new long[size * 2];
    boolean[] newDone = new boolean[size * 2];
    for (long seq = head; seq < tail; seq++) {
      int from = index(seq);
      int to = (int) (seq & (newOffsets.length - 1));
      newOffsets[to] = offsets[from];
      newDone[to] = done[from];
    }
    offsets = newOffsets;
    done = newDone;
  }
}
