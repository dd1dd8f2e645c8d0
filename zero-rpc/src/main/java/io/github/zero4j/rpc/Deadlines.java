package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.sync.Workers;
import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The caller's deadline for the RPCs it makes, carried the gRPC way: as the deadline of the current
 * {@link io.grpc.Context}. grpc-java gives every call the earlier of its own deadline and the
 * context's, and {@link RpcClient}'s timeout interceptor narrows that again to the client timeout,
 * so the server receives the least time left (go-zero's "chained timeout control").
 *
 * <pre>{@code
 * // in a REST handler with a request deadline, or any code with a time budget:
 * User user = Deadlines.call(request.deadline().remaining(), () -> users.get(userRequest));
 * }</pre>
 *
 * <p>Inside an {@link RpcServer} handler nothing is needed: the call's context already carries the
 * incoming deadline narrowed by the server timeout, and calls made on the handler's thread inherit
 * it. Code that hops threads carries it with {@code Context.current().wrap(task)}.
 *
 * <p>Thread-safe. Deadlines are timed on one shared daemon thread, {@code zero4j-rpc-deadlines-0},
 * started on first use; it cancels the context when the deadline passes, which cancels calls in
 * flight.
 */
public final class Deadlines {
  /** The name prefix of the thread that cancels contexts at their deadline. */
  static final String THREAD_PREFIX = "zero4j-rpc-deadlines-";

  private Deadlines() {}

  /**
   * Runs {@code task} with a context deadline {@code timeout} from now, or the current context's
   * deadline when that is earlier, and returns its result. The context is cancelled when {@code
   * task} returns.
   */
  public static <T> T call(Duration timeout, Supplier<T> task) {
    requireNonNull(timeout, "timeout");
    requireNonNull(task, "task");
    Context.CancellableContext context =
        Context.current()
            .withDeadlineAfter(
                Math.max(0, saturatedNanos(timeout)), TimeUnit.NANOSECONDS, Scheduler.INSTANCE);
    Context previous = context.attach();
    try {
      return task.get();
    } finally {
      context.detach(previous);
      context.cancel(null);
    }
  }

  /** {@link #call} for a task without a result. */
  public static void run(Duration timeout, Runnable task) {
    requireNonNull(task, "task");
    call(
        timeout,
        () -> {
          task.run();
          return Boolean.TRUE;
        });
  }

  /** The time left before the current context's deadline, if it has one (may be negative). */
  public static Optional<Duration> remaining() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)));
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The shared deadline timer, created on first use. */
  private static final class Scheduler {
    static final ScheduledThreadPoolExecutor INSTANCE = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor scheduler =
          new ScheduledThreadPoolExecutor(1, Workers.platformThreadFactory(THREAD_PREFIX));
      scheduler.setRemoveOnCancelPolicy(true);
      return scheduler;
    }
  }
}
