package io.github.zero4j.core.mr;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.sync.WaitInterruptedException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/*
 * One map-reduce run: go-zero's mapReduceWithPanicChan + executeMappers with Java threads.
 *
 * Threads. The generator runs as a Job on the executor. There is no dispatcher goroutine: the
 * generator's source.accept(item) takes one of `workers` permits (blocking while all are taken,
 * which is the back-pressure go-zero gets from its unbuffered source channel and worker pool) and
 * submits a mapper Job, which gives the permit back when it ends. A mapper the executor rejects
 * runs inline in the generator's thread, so a saturated pool slows a run down instead of
 * deadlocking it. The reducer runs in the caller's thread and reads the Pipe.
 *
 * Completion. `pending` counts the generator plus every submitted mapper; when it reaches zero
 * the pipe gets its END marker and `finished` opens. The caller always waits for `finished`
 * before returning, so no generator or mapper of a run outlives the call (go-zero returns as soon
 * as the reducer writes and lets stragglers run on).
 *
 * Failure and cancellation. `outcome` holds the first failure; the first one wins a CAS and stops
 * the run (stopped = true, END to wake the reducer, cancel() on every live Job: jobs not started
 * never start, running ones are interrupted). Later failures are added to the first as
 * suppressed, except the echoes of our own interrupts (InterruptedException and friends seen
 * after the stop). A reducer that returns settles the run: `outcome` is CAS'd to SETTLED, any
 * remaining work is stopped, and failures after that are ignored, as go-zero ignores them once
 * the reducer has written.
 */
final class Run<T, U> implements Canceller {
  /** How far down a cause chain to look for an interrupt; real chains are two or three deep. */
  private static final int MAX_CAUSE_DEPTH = 8;

  /** Fills {@link #outcome} once the reducer has returned without a failure before it. */
  private static final Object SETTLED = new Object();

  private final Generator<T> generator;
  private final Mapper<T, U> mapper;
  private final Executor executor;
  private final @Nullable Cancellation cancellation;
  private final Semaphore permits;
  private final @Nullable Pipe<U> pipe;
  private final Set<Job> jobs = ConcurrentHashMap.newKeySet();
  private final AtomicInteger pending = new AtomicInteger(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  /** Null, the first failure (a RuntimeException or Error), or SETTLED. */
  private final AtomicReference<@Nullable Object> outcome = new AtomicReference<>();

  private final Runnable onCallerCancel = this::cancelledByCaller;
  private final Consumer<T> source = this::emit;
  private final Consumer<U> writer = this::write;
  private volatile boolean stopped;

  Run(Generator<T> generator, Mapper<T, U> mapper, MapReduceOptions options, boolean piped) {
    this.generator = generator;
    this.mapper = mapper;
    this.executor = options.executor().orElse(DefaultExecutor.INSTANCE);
    this.cancellation = options.cancellation().orElse(null);
    this.permits = new Semaphore(options.workers());
    this.pipe = piped ? new Pipe<>(this, options.workers()) : null;
  }

  /** The reducer's input. */
  Iterable<U> pipe() {
    return requireNonNull(pipe, "pipe");
  }

  boolean stopped() {
    return stopped;
  }

  void start() {
    Job job = new Job(this::generate, this::generatorEnded);
    jobs.add(job);
    if (cancellation != null) {
      cancellation.register(onCallerCancel);
    }
    try {
      executor.execute(job);
    } catch (RejectedExecutionException e) {
      DefaultExecutor.OVERFLOW_THREADS.newThread(job).start();
    }
  }

  /** The reducer returned: its value (or lack of one) stands, remaining work is cancelled. */
  void reducerReturned() {
    if (outcome.compareAndSet(null, SETTLED) && pending.get() > 0) {
      stop();
    }
  }

  /**
   * Waits for the generator and every mapper to end, then throws the run's first failure if any. An
   * interrupt while waiting cancels the run; the wait continues until the work has ended and the
   * interrupt flag is set again on return.
   */
  void awaitEnd() {
    boolean interrupted = false;
    while (true) {
      try {
        finished.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        fail(interruption(e));
      }
    }
    if (cancellation != null) {
      cancellation.unregister(onCallerCancel);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object failure = outcome.get();
    if (failure instanceof RuntimeException runtimeException) {
      throw runtimeException;
    }
    if (failure instanceof Error error) {
      throw error;
    }
  }

  @Override
  public void cancel(@Nullable Throwable cause) {
    fail(cause != null ? cause : new CancellationException("mapreduce cancelled with null"));
  }

  /** Records a failure: the first stops the run, later ones are suppressed into the first. */
  void fail(Throwable failure) {
    if (failure instanceof Stop || (stopped && echoesCancellation(failure))) {
      return;
    }
    Throwable error =
        failure instanceof RuntimeException || failure instanceof Error
            ? failure
            : new MapReduceException(failure);
    if (outcome.compareAndSet(null, error)) {
      stop();
      return;
    }
    if (!(outcome.get() instanceof Throwable first) || first == failure || first == error) {
      return;
    }
    if (first instanceof MapReduceException && first.getCause() == failure) {
      return;
    }
    first.addSuppressed(error);
  }

  /** The exception a caller gets when its thread is interrupted during the run. */
  static CancellationException interruption(InterruptedException cause) {
    CancellationException exception = new CancellationException("mapreduce interrupted");
    exception.initCause(cause);
    return exception;
  }

  private void cancelledByCaller() {
    fail(requireNonNull(cancellation, "cancellation").newException());
  }

  private void stop() {
    stopped = true;
    if (pipe != null) {
      pipe.end();
    }
    for (Job job : jobs) {
      job.cancel();
    }
  }

  private void generate() {
    try {
      generator.generate(source);
    } catch (Throwable t) {
      fail(t);
    }
  }

  private void emit(T item) {
    requireNonNull(item, "item");
    if (stopped) {
      throw new Stop();
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      fail(e);
      throw new Stop();
    }
    if (stopped) {
      permits.release();
      throw new Stop();
    }
    pending.incrementAndGet();
    Job job = new Job(() -> map(item), this::mapperEnded);
    jobs.add(job);
    if (stopped) {
      job.cancel();
      throw new Stop();
    }
    try {
      executor.execute(job);
    } catch (RejectedExecutionException e) {
      job.runInline();
    }
  }

  private void map(T item) {
    try {
      mapper.map(item, writer, this);
    } catch (Throwable t) {
      fail(t);
    }
  }

  private void write(U item) {
    requireNonNull(item, "item");
    Pipe<U> target = pipe;
    if (target == null || stopped) {
      return;
    }
    try {
      target.put(item);
    } catch (InterruptedException e) {
      // Keep the flag so the mapper's next blocking call sees it too.
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  private void generatorEnded(Job job) {
    jobs.remove(job);
    jobEnded();
  }

  private void mapperEnded(Job job) {
    jobs.remove(job);
    permits.release();
    jobEnded();
  }

  private void jobEnded() {
    if (pending.decrementAndGet() == 0) {
      if (pipe != null) {
        pipe.end();
      }
      finished.countDown();
    }
  }

  /** Whether {@code failure} is how user code reacted to the interrupts {@link #stop} sent. */
  private static boolean echoesCancellation(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (t instanceof InterruptedException
          || t instanceof InterruptedIOException
          || t instanceof ClosedByInterruptException
          || t instanceof WaitInterruptedException
          || t instanceof Stop) {
        return true;
      }
      t = t.getCause();
    }
    return false;
  }

  /**
   * Unwinds a generator out of {@code source.accept} once the run has stopped; never reaches a
   * caller. Stackless, so throwing it is cheap.
   */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super("mapreduce stopped", null, false, false);
    }
  }
}
