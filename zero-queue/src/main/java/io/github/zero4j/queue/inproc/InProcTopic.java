package io.github.zero4j.queue.inproc;

import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.PushException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One in-memory topic: a single partition held in a bounded ring of offsets {@code [start, end)},
 * and the committed offset of each consumer group that ever joined.
 *
 * <pre>
 * Retention follows the groups instead of time: a message is dropped once every group has
 * committed past it, so a group that restarts within the process finds its uncommitted messages
 * again. When the ring is full, append waits (back-pressure on the pusher) up to its timeout and
 * then fails, never dropping a message. A topic no group has joined keeps up to capacity messages.
 * </pre>
 *
 * <p>Thread-safe: one lock; appends wake the groups' dispatcher threads outside it.
 */
final class InProcTopic {
  private final String name;
  private final Message[] ring;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Map<String, Group> groups = new HashMap<>();
  private long start;
  private long end;

  /** A group's position; guarded by the topic's lock. */
  static final class Group {
    final String name;
    long committed;
    @Nullable Thread member;

    Group(String name, long committed) {
      this.name = name;
      this.committed = committed;
    }
  }

  InProcTopic(String name, int capacity) {
    this.name = name;
    this.ring = new Message[capacity];
  }

  String name() {
    return name;
  }

  /**
   * Appends a message, waiting up to {@code timeoutNanos} for room; returns its offset.
   *
   * @throws PushException if the topic stayed full
   */
  long append(@Nullable String key, String value, Map<String, String> headers, long timeoutNanos)
      throws InterruptedException {
    List<Thread> wake = new ArrayList<>();
    long offset;
    lock.lockInterruptibly();
    try {
      long left = timeoutNanos;
      while (end - start >= ring.length) {
        if (left <= 0) {
          throw new PushException(
              name, "the in-process topic is full (" + ring.length + " messages)", null);
        }
        left = notFull.awaitNanos(left);
      }
      offset = end++;
      Message.Builder b = Message.builder(name, value).offset(offset).headers(headers);
      if (key != null) {
        b.key(key);
      }
      ring[slot(offset)] = b.build();
      for (Group g : groups.values()) {
        Thread member = g.member;
        if (member != null) {
          wake.add(member);
        }
      }
    } finally {
      lock.unlock();
    }
    for (Thread t : wake) {
      LockSupport.unpark(t);
    }
    return offset;
  }

  /**
   * Makes {@code member} the consumer of {@code group}; returns the group's committed offset (for a
   * new group: the oldest retained message when {@code fromFirst}, else the next one).
   *
   * @throws IllegalStateException if the group already has a running member
   */
  long join(String group, boolean fromFirst, Thread member) {
    lock.lock();
    try {
      Group g = groups.get(group);
      if (g == null) {
        g = new Group(group, fromFirst ? start : end);
        groups.put(group, g);
      } else if (g.member != null) {
        throw new IllegalStateException(
            "group " + group + " of in-process topic " + name + " already has a running queue");
      }
      g.member = member;
      return g.committed;
    } finally {
      lock.unlock();
    }
  }

  void leave(String group) {
    lock.lock();
    try {
      Group g = groups.get(group);
      if (g != null) {
        g.member = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Up to {@code max} messages from {@code from} on. */
  List<Message> fetch(long from, long max) {
    lock.lock();
    try {
      long first = Math.max(from, start);
      long last = Math.min(end, first + max);
      List<Message> out = new ArrayList<>((int) Math.max(0, last - first));
      for (long o = first; o < last; o++) {
        out.add(ring[slot(o)]);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Records {@code group}'s commit and drops what every group has committed past. */
  void commit(String group, long offset) {
    lock.lock();
    try {
      Group g = groups.get(group);
      if (g == null || offset <= g.committed) {
        return;
      }
      g.committed = Math.min(offset, end);
      long newStart = end;
      for (Group each : groups.values()) {
        newStart = Math.min(newStart, each.committed);
      }
      if (newStart > start) {
        for (long o = start; o < newStart; o++) {
          ring[slot(o)] = null;
        }
        start = newStart;
        notFull.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The committed offset of {@code group}, -1 if it never joined. */
  long committed(String group) {
    lock.lock();
    try {
      Group g = groups.get(group);
      return g == null ? -1 : g.committed;
    } finally {
      lock.unlock();
    }
  }

  /** The next offset to be written. */
  long end() {
    lock.lock();
    try {
      return end;
    } finally {
      lock.unlock();
    }
  }

  /** The retained messages, oldest first. */
  List<Message> snapshot() {
    lock.lock();
    try {
      List<Message> out = new ArrayList<>();
      for (long o = start; o < end; o++) {
        out.add(ring[slot(o)]);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private int slot(long offset) {
    return (int) (offset % ring.length);
  }
}
