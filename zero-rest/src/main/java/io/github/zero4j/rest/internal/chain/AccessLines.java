package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Request;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why not Logback's AsyncAppender alone: its worker drains faster than one event loop fills the
 * queue, so nearly every access line woke it (a futex wake and a context switch per request): half
 * of the server's throughput under wrk. Why not zero-core's BulkExecutor: the adder that completes
 * a batch waits until the flusher has taken it, and an event loop must not wait.
 *
 * The writer thread parks for up to FLUSH_INTERVAL; an adder wakes it only when it sees the writer
 * parked with WAKE_AT lines waiting. The writer sets `parked` before it re-checks the queue and an
 * adder reads it after its offer (both volatile, so one of them sees the other), and the timed
 * park bounds any delay anyway. A full queue, or a closed writer, logs on the caller: nothing is
 * dropped.
 */
/**
 * Where a server's access and slow-call lines are formatted and logged: one thread per server,
 * {@code zero4j-rest-access-log-N}, takes them from a bounded lock-free queue in batches, so the
 * event loop only queues a small record per request and never waits. Lines come out in the order
 * their requests completed; a partial batch waits at most {@link #FLUSH_INTERVAL}.
 */
public final class AccessLines implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLines.class);
  private static final AtomicInteger IDS = new AtomicInteger();

  /** Lines waiting before an adder wakes the writer: one wake-up per this many under load. */
  static final int WAKE_AT = 256;

  /** Lines the queue holds; past that a line is logged on the caller's thread. */
  static final int CAPACITY = 1 << 16;

  /** The longest a line waits on an idle server. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

  /** How long close() waits for the writer before logging the rest itself. */
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  private final MpscArrayQueue<Line> queue = new MpscArrayQueue<>(CAPACITY);
  private final ReentrantLock draining = new ReentrantLock();
  private final Thread writer;
  private volatile boolean parked;
  private volatile boolean closed;

  private AccessLines() {
    writer = new Thread(this::run, "zero4j-rest-access-log-" + IDS.incrementAndGet());
    writer.setDaemon(true);
  }

  /** Starts the writer thread of one server. */
  public static AccessLines start() {
    AccessLines lines = new AccessLines();
    lines.writer.start();
    return lines;
  }

  /** Queues the line of one finished request; never blocks. */
  void add(Request request, int status, long nanos, Context context, List<String> notes) {
    Line line = new Line(request, status, nanos, context, notes);
    if (closed || !queue.offer(line)) {
      // Closed, or CAPACITY lines behind: the caller pays, the line is not lost, and an appender
      // that throws does not fail the request.
      writeSafely(line);
      return;
    }
    if (parked && queue.size() >= WAKE_AT) {
      LockSupport.unpark(writer);
    }
  }

  /** Logs every line queued so far before it returns (on the calling thread if need be). */
  public void flush() {
    drain();
  }

  /** Logs every queued line and stops the writer thread. Idempotent. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Lines added while the writer was finishing, or all of them if it did not finish in time.
    drain();
  }

  private void run() {
    long intervalNanos = FLUSH_INTERVAL.toNanos();
    while (!closed) {
      drain();
      parked = true;
      if (queue.size() < WAKE_AT && !closed) {
        LockSupport.parkNanos(this, intervalNanos);
      }
      parked = false;
    }
    drain();
  }

  private void drain() {
    draining.lock();
    try {
      queue.drain(AccessLines::writeSafely);
    } finally {
      draining.unlock();
    }
  }

  private static void writeSafely(Line line) {
    try {
      line.write();
    } catch (RuntimeException e) {
      // An appender that throws must not stop the writer: the other lines still go out.
      LOG.error("access line of {} {} failed", line.request.method(), line.request.uri(), e);
    }
  }

  @Override
  public String toString() {
    return "AccessLines{" + writer.getName() + ", queued=" + queue.size() + "}";
  }

  /** One finished request, formatted when written. */
  private record Line(
      Request request, int status, long nanos, Context context, List<String> notes) {
    void write() {
      AccessLog.log(request, status, nanos, context, notes);
    }
  }
}
