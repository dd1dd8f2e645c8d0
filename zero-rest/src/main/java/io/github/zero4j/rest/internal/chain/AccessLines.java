package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.executors.BulkExecutor;
import io.github.zero4j.rest.Request;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;

/**
 * Where a server's access and slow-call lines are formatted and logged: a {@link BulkExecutor}
 * whose flusher thread ({@code zero4j-core-executor-rest-access}) takes them in batches of {@value
 * #BATCH} or every {@link #FLUSH_INTERVAL}, so the event loop only queues a small record per
 * request.
 *
 * <p>Logging each line from the event loop through Logback's {@code AsyncAppender} woke its worker
 * thread for nearly every request (the worker drains faster than one event loop fills): a futex
 * wake-up and a context switch per request, half of the server's throughput under {@code wrk}. Here
 * the flusher wakes once per batch, and whatever appender sits behind the logger sees its events in
 * bursts.
 *
 * <p>Nothing is dropped: while a full batch waits for the flusher, the next request's line waits
 * for room ({@link BulkExecutor#add}), and {@link #close()} logs every queued line before it
 * returns; {@link io.github.zero4j.rest.RestServer#close()} calls it after the requests in flight
 * have finished. Lines come out in the order their requests completed.
 */
public final class AccessLines implements AutoCloseable {
  /** Lines per batch: one flusher wake-up per this many requests under load. */
  static final int BATCH = 256;

  /** A partial batch waits at most twice this long (the line of an idle server's last request). */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

  private final BulkExecutor<Line> executor;

  private AccessLines(BulkExecutor<Line> executor) {
    this.executor = executor;
  }

  /** Starts the flusher thread of one server. */
  public static AccessLines start() {
    return new AccessLines(
        BulkExecutor.<Line>builder(AccessLines::write)
            .name("rest-access")
            .bulkTasks(BATCH)
            .flushInterval(FLUSH_INTERVAL)
            .build());
  }

  /** Queues the line of one finished request. */
  void add(Request request, int status, long nanos, Context context, List<String> notes) {
    executor.add(new Line(request, status, nanos, context, notes));
  }

  /** Logs every line queued so far, then returns (tests, and before a server reports closed). */
  public void flush() {
    executor.flush();
  }

  /** Logs every queued line and stops the flusher thread. Idempotent. */
  @Override
  public void close() {
    executor.close();
  }

  private static void write(List<Line> lines) {
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      AccessLog.log(line.request, line.status, line.nanos, line.context, line.notes);
    }
  }

  /** One finished request, formatted on the flusher thread. */
  private record Line(
      Request request, int status, long nanos, Context context, List<String> notes) {}
}
