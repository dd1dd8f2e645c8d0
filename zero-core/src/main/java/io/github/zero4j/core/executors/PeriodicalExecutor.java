package io.github.zero4j.core.executors;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The batching engine behind BulkExecutor and ChunkExecutor: go-zero's PeriodicalExecutor [1] on a
 * lock-free multi-producer queue.
 *
 * Semantics (go-zero's). Tasks accumulate into a batch. Each task has a weight (1 for a bulk
 * executor, its size for a chunk executor); when the batch's weight reaches batchWeight the batch
 * is executed at once (a "full" flush). A periodic tick, every interval, executes whatever is
 * buffered, unless a full batch was executed since the previous tick (go-zero's "commanded" flag):
 * so a partial batch waits between one and two intervals after a full one. flush() executes
 * everything buffered in the caller's thread; close() does the same on the flusher and stops it.
 *
 * Producers. add() counts the task's weight in `state` (one getAndAdd, which also reads the
 * CLOSED bit), then offers it to a JCTools MpscUnboundedArrayQueue (one more atomic). `state`
 * therefore holds the weight added but not yet taken by the consumer side, plus the CLOSED bit.
 *
 * Full batches. A batch is full when the weight the flusher has taken into it (`takenWeight`,
 * published after every pass) plus the untaken weight reaches batchWeight: a pass that finds no
 * full batch keeps what it took (a skipped tick, or a wake-up before the batch was full), so the
 * rest of that batch is still in the queue. Every add that sees the batch full, while the untaken
 * weight alone is still below batchWeight, wakes the flusher; the flusher parks only when its own
 * batch plus the untaken weight is below batchWeight. The add writes `state` and then reads
 * `takenWeight`, the flusher writes `takenWeight` and then reads `state` (all volatile): at least
 * one of them sees the other's write, so a full batch never waits for the next tick.
 *
 * Back-pressure (go-zero's). In go-zero the Add that fills the container hands the batch to the
 * background goroutine through a channel and blocks until the goroutine takes it, which it does
 * only between executions. Here the add that brings the untaken weight to batchWeight wakes the
 * flusher, and it and every later add wait until the flusher has taken the weight below
 * batchWeight again. The flusher takes tasks before executing them, so while one batch executes
 * the next one fills, and producers block only when that one is full too. Each blocked producer
 * has already queued its own task, so at most one task per producer thread sits beyond the limit.
 * A consumer that adds to its own executor is never blocked (it would wait for itself).
 *
 * Consumer side. One flusher thread (and callers of flush()/close()) take tasks under drainLock,
 * which makes the queue's single-consumer rule hold and serialises executions. The flusher parks
 * until the next tick (read from the injected Ticker) or until a producer fills a batch.
 *
 * Close. close() sets CLOSED; a racing add that sees it undoes its count and throws. The flusher
 * then drains until `state` has no weight left: every add that was counted before CLOSED has
 * enqueued its task and that task was executed. Nothing added before close() is lost.
 *
 * Lost wake-ups. A blocked producer increments `blocked`, then re-reads `state`; the flusher
 * subtracts from `state`, then reads `blocked` and signals under the same lock the producer waits
 * on. Both pairs are volatile accesses, so at least one side sees the other's write.
 *
 * Deviations from go-zero: the flusher thread lives from construction to close() (go-zero's
 * goroutine quits after 10 idle ticks and restarts on the next Add); execution errors are logged
 * and the batch is dropped, as go-zero's RunSafe does with panics.
 *
 * [1] go-zero core/executors/periodicalexecutor.go (reference/gozero-core.md section 9).
 */
/**
 * Batches tasks and hands each batch to a consumer when it is full or when the flush interval
 * ticks. Thread-safe; {@link #add} is lock-free unless it has to wait for the consumer.
 *
 * @param <E> what is queued (the task, or the task with its size)
 * @param <T> the task type the consumer receives
 */
final class PeriodicalExecutor<E, T> {
  private static final Logger log = LoggerFactory.getLogger(PeriodicalExecutor.class);

  /** Set in {@link #state} once {@link #close()} has been called. */
  static final long CLOSED = 1L << 62;

  /** The untaken weight in {@link #state}. */
  static final long WEIGHT = CLOSED - 1;

  /** Thread name prefix, per zero4j's convention for background threads. */
  static final String THREAD_PREFIX = "zero4j-core-executor-";

  /** Longest flush interval: half the nanosecond range, so tick arithmetic cannot overflow. */
  static final Duration MAX_INTERVAL = Duration.ofNanos(Long.MAX_VALUE / 2);

  /** JCTools chunk length: the queue allocates one array per 1024 tasks in flight. */
  private static final int QUEUE_CHUNK = 1024;

  /** Spins while waiting for a counted task to be enqueued, before yielding the CPU. */
  private static final int SPINS_BEFORE_YIELD = 64;

  private final String name;
  private final long batchWeight;
  private final long intervalNanos;
  private final Ticker ticker;
  private final ToIntFunction<E> weigher;
  private final Function<E, T> unwrap;
  private final Consumer<? super List<T>> consumer;

  private final MpscUnboundedArrayQueue<E> queue = new MpscUnboundedArrayQueue<>(QUEUE_CHUNK);
  private final AtomicLong state = new AtomicLong();

  private final ReentrantLock drainLock = new ReentrantLock();
  private ArrayList<T> batch = new ArrayList<>();
  private long buffered;

  /** {@link #buffered}, published for producers after each pass; written under drainLock. */
  private volatile long takenWeight;

  private boolean commanded;
  private long nextTick;

  private final ReentrantLock pressureLock = new ReentrantLock();
  private final Condition notFull = pressureLock.newCondition();
  private final AtomicInteger blocked = new AtomicInteger();

  private final @Nullable Thread flusher;
  private final @Nullable Thread shutdownHook;

  private PeriodicalExecutor(
      String name,
      long batchWeight,
      Duration interval,
      Ticker ticker,
      ToIntFunction<E> weigher,
      Function<E, T> unwrap,
      Consumer<? super List<T>> consumer,
      boolean background,
      boolean flushOnShutdown) {
    this.name = requireNonNull(name, "name");
    this.batchWeight = batchWeight;
    this.intervalNanos = interval.toNanos();
    this.ticker = requireNonNull(ticker, "ticker");
    this.weigher = weigher;
    this.unwrap = unwrap;
    this.consumer = requireNonNull(consumer, "consumer");
    this.nextTick = ticker.read() + intervalNanos;
    if (background) {
      Thread thread = new Thread(this::run, THREAD_PREFIX + name);
      thread.setDaemon(true);
      this.flusher = thread;
    } else {
      this.flusher = null;
    }
    this.shutdownHook =
        background && flushOnShutdown
            ? new Thread(this::close, THREAD_PREFIX + name + "-shutdown")
            : null;
  }

  /** An executor with a running flusher thread (and shutdown hook, if asked). */
  static <E, T> PeriodicalExecutor<E, T> start(
      String name,
      long batchWeight,
      Duration interval,
      Ticker ticker,
      ToIntFunction<E> weigher,
      Function<E, T> unwrap,
      Consumer<? super List<T>> consumer,
      boolean flushOnShutdown) {
    PeriodicalExecutor<E, T> executor =
        new PeriodicalExecutor<>(
            name, batchWeight, interval, ticker, weigher, unwrap, consumer, true, flushOnShutdown);
    requireNonNull(executor.flusher).start();
    if (executor.shutdownHook != null) {
      try {
        Runtime.getRuntime().addShutdownHook(executor.shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting; close() will be called by the owner or not at all.
      }
    }
    return executor;
  }

  /**
   * An executor without a thread, driven by {@link #runOnce()} (for tests). Adds never block: there
   * is no flusher to wait for.
   */
  static <E, T> PeriodicalExecutor<E, T> manual(
      String name,
      long batchWeight,
      Duration interval,
      Ticker ticker,
      ToIntFunction<E> weigher,
      Function<E, T> unwrap,
      Consumer<? super List<T>> consumer) {
    return new PeriodicalExecutor<>(
        name, batchWeight, interval, ticker, weigher, unwrap, consumer, false, false);
  }

  String name() {
    return name;
  }

  /** Queues {@code element}; blocks while a full batch is waiting for the consumer. */
  void add(E element) {
    int weight = weigher.applyAsInt(element);
    long before = state.getAndAdd(weight);
    if ((before & CLOSED) != 0) {
      state.getAndAdd(-weight);
      throw new IllegalStateException("executor " + name + " is closed");
    }
    queue.offer(element);
    long untaken = (before & WEIGHT) + weight;
    if (untaken + takenWeight >= batchWeight) {
      // The batch is full. Adds past the untaken limit need not wake: the one that reached it did.
      if ((before & WEIGHT) < batchWeight) {
        wake();
      }
      if (untaken >= batchWeight) {
        awaitRoom();
      }
    }
  }

  /** Executes everything added so far, in the caller's thread, after any running batch. */
  void flush() {
    drainLock.lock();
    try {
      drain(queue.size(), false);
      execute();
    } finally {
      drainLock.unlock();
    }
  }

  /**
   * Executes everything added before this call, then stops the flusher; idempotent. Waits for the
   * flusher unless called from a consumer (which would wait for itself).
   */
  void close() {
    long before = state.getAndUpdate(s -> s | CLOSED);
    if ((before & CLOSED) == 0) {
      removeShutdownHook();
    }
    Thread thread = flusher;
    if (thread == null) {
      drainLock.lock();
      try {
        drainAll();
      } finally {
        drainLock.unlock();
      }
      return;
    }
    LockSupport.unpark(thread);
    if (Thread.currentThread() == thread || drainLock.isHeldByCurrentThread()) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    // Normally a no-op: covers a flusher that died before its final drain.
    drainLock.lock();
    try {
      drainAll();
    } finally {
      drainLock.unlock();
    }
  }

  private void run() {
    for (; ; ) {
      long parkNanos;
      try {
        parkNanos = runOnce();
      } catch (RuntimeException | Error e) {
        log.error("executor {}: flusher pass failed", name, e);
        parkNanos = intervalNanos;
      }
      if (parkNanos < 0) {
        return;
      }
      long s = state.get();
      if ((s & CLOSED) == 0 && (s & WEIGHT) + takenWeight < batchWeight) {
        LockSupport.parkNanos(this, parkNanos);
        // A consumer may interrupt this thread; the loop has no use for the flag.
        Thread.interrupted();
      }
    }
  }

  /**
   * One pass of the flusher: take what is queued (executing full batches), then handle a due tick.
   * Returns the nanoseconds until the next tick, or -1 once closed and fully drained.
   */
  long runOnce() {
    drainLock.lock();
    try {
      boolean closing = (state.get() & CLOSED) != 0;
      drain(Integer.MAX_VALUE, true);
      long now = ticker.read();
      if (now - nextTick >= 0) {
        if (commanded) {
          commanded = false;
        } else {
          execute();
        }
        // Like a Go ticker, drop the ticks a late flusher missed.
        nextTick += ((now - nextTick) / intervalNanos + 1) * intervalNanos;
      }
      if (closing) {
        drainAll();
        return -1;
      }
      return nextTick - now;
    } finally {
      drainLock.unlock();
    }
  }

  /**
   * Takes up to {@code max} queued tasks, executing each batch that fills; a full batch run by the
   * flusher ({@code flusher}) makes the next tick skip. Holds drainLock.
   */
  private void drain(int max, boolean flusher) {
    long taken = 0;
    for (int i = 0; i < max; i++) {
      E element = queue.poll();
      if (element == null) {
        break;
      }
      int weight = weigher.applyAsInt(element);
      batch.add(unwrap.apply(element));
      buffered += weight;
      taken += weight;
      if (buffered >= batchWeight) {
        release(taken);
        taken = 0;
        commanded |= flusher;
        execute();
      }
    }
    release(taken);
    takenWeight = buffered;
  }

  /** Drains until every counted task has been taken, then executes the rest. Holds drainLock. */
  // Yield, not park: the producer is one offer() from done and only needs a CPU.
  @SuppressWarnings("ThreadPriorityCheck")
  private void drainAll() {
    for (int spins = 0; ; spins++) {
      drain(Integer.MAX_VALUE, false);
      if ((state.get() & WEIGHT) == 0) {
        break;
      }
      // An add() has counted its task but not enqueued it yet (or is undoing after CLOSED).
      if (spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    execute();
    signalProducers();
  }

  /** Marks {@code weight} as taken and wakes producers waiting for room. */
  private void release(long weight) {
    if (weight == 0) {
      return;
    }
    state.getAndAdd(-weight);
    if (blocked.get() > 0) {
      signalProducers();
    }
  }

  private void signalProducers() {
    pressureLock.lock();
    try {
      notFull.signalAll();
    } finally {
      pressureLock.unlock();
    }
  }

  /** Hands the buffered batch to the consumer; a failure is logged and the batch dropped. */
  private void execute() {
    if (batch.isEmpty()) {
      return;
    }
    List<T> tasks = batch;
    batch = new ArrayList<>();
    buffered = 0;
    takenWeight = 0;
    try {
      consumer.accept(tasks);
    } catch (Throwable t) { // user code: even a sneaky checked exception must not stop the loop
      log.error("executor {}: consumer failed on a batch of {} tasks", name, tasks.size(), t);
    }
  }

  private void awaitRoom() {
    Thread thread = flusher;
    if (thread == null || Thread.currentThread() == thread || drainLock.isHeldByCurrentThread()) {
      return;
    }
    pressureLock.lock();
    try {
      blocked.incrementAndGet();
      try {
        while ((state.get() & WEIGHT) >= batchWeight) {
          notFull.await();
        }
      } catch (InterruptedException e) {
        // The task is already queued; stop waiting and keep the interrupt for the caller.
        Thread.currentThread().interrupt();
      } finally {
        blocked.decrementAndGet();
      }
    } finally {
      pressureLock.unlock();
    }
  }

  private void removeShutdownHook() {
    Thread hook = shutdownHook;
    if (hook == null || Thread.currentThread() == hook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it will find the executor closed.
    }
  }

  /** Wakes the flusher (tests call this after advancing a fake ticker). */
  void wake() {
    Thread thread = flusher;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /** The weight added and not yet taken by the consumer side (for tests). */
  long untakenWeight() {
    return state.get() & WEIGHT;
  }

  /** Producers currently waiting for room (for tests). */
  int blockedProducers() {
    return blocked.get();
  }

  /** The flusher thread, or null for a manual executor (for tests). */
  @Nullable Thread flusher() {
    return flusher;
  }

  /** Validates a flush interval and returns it. */
  static Duration checkInterval(Duration interval) {
    requireNonNull(interval, "flushInterval");
    if (interval.isNegative() || interval.isZero() || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "flushInterval: " + interval + " (expected: > 0 and <= " + MAX_INTERVAL + ")");
    }
    return interval;
  }

  /** Validates an executor name and returns it. */
  static String checkName(String name) {
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name: \"\" (expected: non-empty)");
    }
    return name;
  }
}
