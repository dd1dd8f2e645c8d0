package io.github.zero4j.core.collection;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hashed timing wheel: keyed timers with a resolution of one {@code interval}, set, moved and
 * removed in O(1), fired in batches by one background thread. go-zero's {@code
 * collection.TimingWheel}.
 *
 * <pre>{@code
 * TimingWheel<String, Integer> wheel =
 *     TimingWheel.<String, Integer>builder(Duration.ofSeconds(1), 60, (key, value) -> retry(key))
 *         .build();
 * wheel.setTimer("user:42", 1, Duration.ofSeconds(5));  // fires on the 5th tick from now
 * wheel.moveTimer("user:42", Duration.ofMinutes(1));
 * wheel.removeTimer("user:42");
 * wheel.close();
 * }</pre>
 *
 * <p>A timer set or moved to {@code delay} fires on exactly the {@code floor(delay / interval)}-th
 * tick after the call (at least the first), however many times the wheel turns meanwhile. Fired
 * timers are removed before their callback runs. Callbacks of one tick run one after the other, on
 * the {@linkplain Builder#executor executor} (by default the wheel's own thread, so a slow callback
 * delays later ticks; pass an executor when callbacks block). A callback that throws is logged and
 * does not stop the others.
 *
 * <p>Thread-safe. Mutations take a short lock (never held while a callback runs); this is not a
 * request hot path. The thread, {@code zero4j-core-timingwheel}, is a daemon and stops on {@link
 * #close()}.
 */
public final class TimingWheel<K, V> implements AutoCloseable {
  /*
   * Algorithm (go-zero core/collection/timingwheel.go [1], Varghese & Lauck's hashed wheel [2]).
   *
   * `numSlots` slots, each a list of timers; `tickedPos` is the slot handled by the last tick and
   * starts at numSlots - 1, so the first tick handles slot 0. A timer due in `steps` ticks
   * (steps = floor(delay / interval), raised to 1) goes to slot (tickedPos + steps) mod numSlots
   * with circle = (steps - 1) div numSlots: the number of times the tick passes its slot before
   * the pass that fires it. Each tick advances tickedPos, then walks its slot: a timer with
   * circle > 0 has its circle decremented, the others fire.
   *
   * Differences from go-zero, all about exactness and simplicity:
   * - go-zero funnels every call through channels into its run loop and removes or moves timers
   *   lazily (tombstones, and a `diff` that re-slots a moved timer when its old slot comes up).
   *   Its lazy move can fire early when the new position wraps past the old slot (5 slots, 2 ticks
   *   elapsed, set to 2 ticks, moved to 10: it fires 5 ticks after the move). Here each timer is a
   *   node of an intrusive doubly-linked list, so remove and move unlink it at once, and a move
   *   recomputes position and circle from scratch: every move fires exactly on time.
   * - Moving a timer to less than one interval runs it at once; go-zero runs it but leaves it
   *   armed, so it fires a second time at its old deadline. Here it is removed first.
   * - drain() runs on the caller's thread instead of an 8-goroutine task runner.
   *
   * Concurrency design: one ReentrantLock guards the slots, the key map and tickedPos. Every
   * operation is O(1) under the lock except a tick (O(timers in the slot)) and drain (O(timers)).
   * Callbacks run after the lock is released, so a callback may call back into the wheel.
   *
   * [1] https://github.com/zeromicro/go-zero/blob/master/core/collection/timingwheel.go
   * [2] G. Varghese, T. Lauck, "Hashed and Hierarchical Timing Wheels", SOSP 1987.
   */

  private static final Logger logger = LoggerFactory.getLogger(TimingWheel.class);

  /** The wheel thread's name. */
  static final String THREAD_NAME = "zero4j-core-timingwheel";

  private final long intervalNanos;
  private final Duration interval;
  private final int numSlots;
  private final BiConsumer<? super K, ? super V> execute;
  private final Executor executor;
  private final Ticker ticker;
  private final ReentrantLock lock = new ReentrantLock();
  private final Timer<K, V>[] heads;
  private final Map<K, Timer<K, V>> timers = new HashMap<>();
  private final @Nullable Thread thread;
  private int tickedPos;
  private volatile boolean closed;

  @SuppressWarnings("unchecked") // generic array of list heads
  private TimingWheel(Builder<K, V> builder, boolean startThread) {
    this.interval = builder.interval;
    this.intervalNanos = builder.interval.toNanos();
    this.numSlots = builder.slots;
    this.execute = builder.execute;
    this.executor = builder.executor;
    this.ticker = builder.ticker;
    this.heads = (Timer<K, V>[]) new Timer<?, ?>[numSlots];
    for (int i = 0; i < numSlots; i++) {
      heads[i] = Timer.head();
    }
    this.tickedPos = numSlots - 1;
    if (startThread) {
      long firstTick = ticker.read() + intervalNanos; // read here, so ticks count from build()
      Thread t = new Thread(() -> run(firstTick), THREAD_NAME);
      t.setDaemon(true);
      this.thread = t;
      t.start();
    } else {
      this.thread = null;
    }
  }

  /**
   * A builder for a wheel that ticks every {@code interval}, has {@code slots} slots and calls
   * {@code execute(key, value)} for each timer that fires.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive or {@code slots < 1}
   */
  public static <K, V> Builder<K, V> builder(
      Duration interval, int slots, BiConsumer<? super K, ? super V> execute) {
    return new Builder<>(interval, slots, execute);
  }

  /**
   * Arms a timer for {@code key} to fire {@code delay} from now (at least one interval). If {@code
   * key} already has a timer, its value is replaced and the timer moved to {@code delay}.
   *
   * @throws IllegalArgumentException if {@code delay} is not positive
   * @throws IllegalStateException if the wheel is closed
   */
  public void setTimer(K key, V value, Duration delay) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    long steps = steps(delay);
    lock.lock();
    try {
      checkOpen();
      Timer<K, V> timer = timers.get(key);
      if (timer == null) {
        timer = new Timer<>(key, value);
        timers.put(key, timer);
      } else {
        timer.value = value;
        timer.unlink();
      }
      place(timer, steps);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the timer of {@code key} to fire {@code delay} from now; does nothing if {@code key} has
   * no timer. A delay shorter than one interval fires the timer at once (through the executor) and
   * removes it.
   *
   * @throws IllegalArgumentException if {@code delay} is not positive
   * @throws IllegalStateException if the wheel is closed
   */
  public void moveTimer(K key, Duration delay) {
    requireNonNull(key, "key");
    checkDelay(delay);
    Timer<K, V> due = null;
    lock.lock();
    try {
      checkOpen();
      Timer<K, V> timer = timers.get(key);
      if (timer == null) {
        return;
      }
      timer.unlink();
      if (delay.compareTo(interval) < 0) {
        timers.remove(key);
        due = timer;
      } else {
        place(timer, steps(delay));
      }
    } finally {
      lock.unlock();
    }
    if (due != null) {
      List<Timer<K, V>> batch = new ArrayList<>(1);
      batch.add(due);
      fire(batch);
    }
  }

  /**
   * Removes the timer of {@code key}, if any; it will not fire.
   *
   * @throws IllegalStateException if the wheel is closed
   */
  public void removeTimer(K key) {
    requireNonNull(key, "key");
    lock.lock();
    try {
      checkOpen();
      Timer<K, V> timer = timers.remove(key);
      if (timer != null) {
        timer.unlink();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes every pending timer and calls {@code fn(key, value)} for each, on the calling thread
   * (go-zero's {@code Drain}). A call that throws is logged and does not stop the others.
   *
   * @throws IllegalStateException if the wheel is closed
   */
  public void drain(BiConsumer<? super K, ? super V> fn) {
    requireNonNull(fn, "fn");
    List<Timer<K, V>> drained;
    lock.lock();
    try {
      checkOpen();
      drained = new ArrayList<>(timers.values());
      for (Timer<K, V> timer : drained) {
        timer.unlink();
      }
      timers.clear();
    } finally {
      lock.unlock();
    }
    runAll(drained, fn);
  }

  /** The number of armed timers. */
  public int size() {
    lock.lock();
    try {
      return timers.size();
    } finally {
      lock.unlock();
    }
  }

  /** The tick interval. */
  public Duration interval() {
    return interval;
  }

  /**
   * Stops the wheel thread; pending timers never fire, and every later call but {@code close()}
   * throws {@link IllegalStateException} (go-zero's {@code Stop}). Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * Advances the wheel by one interval and fires the timers that are due. The wheel thread calls
   * this when the ticker says an interval has passed; tests call it directly.
   */
  void tick() {
    List<Timer<K, V>> due = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      tickedPos = (tickedPos + 1) % numSlots;
      Timer<K, V> head = heads[tickedPos];
      Timer<K, V> timer = head.next;
      while (timer != head) {
        Timer<K, V> next = timer.next;
        if (timer.circle > 0) {
          timer.circle--;
        } else {
          timer.unlink();
          timers.remove(timer.key);
          if (due == null) {
            due = new ArrayList<>();
          }
          due.add(timer);
        }
        timer = next;
      }
    } finally {
      lock.unlock();
    }
    if (due != null) {
      fire(due);
    }
  }

  /** The wheel thread, or null for a {@linkplain #manual manual} wheel. */
  @Nullable Thread thread() {
    return thread;
  }

  /** A wheel whose ticks only come from {@link #tick()} calls: for tests. */
  static <K, V> TimingWheel<K, V> manual(Builder<K, V> builder) {
    return new TimingWheel<>(builder, false);
  }

  private void run(long firstTick) {
    long next = firstTick;
    while (!closed) {
      long wait = next - ticker.read();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        continue;
      }
      try {
        tick();
      } catch (RuntimeException e) {
        // The executor rejected the batch (or similar): keep the wheel turning.
        logger.error("timing wheel tick failed", e);
      }
      next += intervalNanos;
    }
  }

  private void place(Timer<K, V> timer, long steps) {
    int pos = (int) ((tickedPos + steps) % numSlots);
    timer.circle = (steps - 1) / numSlots;
    timer.linkBefore(heads[pos]);
  }

  private void fire(List<Timer<K, V>> due) {
    executor.execute(() -> runAll(due, execute));
  }

  private static <K, V> void runAll(List<Timer<K, V>> timers, BiConsumer<? super K, ? super V> fn) {
    for (Timer<K, V> timer : timers) {
      try {
        fn.accept(timer.key, timer.value);
      } catch (RuntimeException e) {
        logger.error("timing wheel task for key {} failed", timer.key, e);
      }
    }
  }

  private long steps(Duration delay) {
    checkDelay(delay);
    return Math.max(1, delay.dividedBy(interval));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("timing wheel is closed");
    }
  }

  private static void checkDelay(Duration delay) {
    requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("delay: " + delay + " (expected: > 0)");
    }
  }

  /** A timer and, for list heads, the sentinel of a slot's circular list. */
  private static final class Timer<K, V> {
    final @Nullable K key;
    @Nullable V value;
    long circle;
    Timer<K, V> prev = this;
    Timer<K, V> next = this;

    Timer(@Nullable K key, @Nullable V value) {
      this.key = key;
      this.value = value;
    }

    static <K, V> Timer<K, V> head() {
      return new Timer<>(null, null);
    }

    void linkBefore(Timer<K, V> head) {
      prev = head.prev;
      next = head;
      head.prev.next = this;
      head.prev = this;
    }

    /** Removes this timer from its slot; a no-op if it is in none. */
    void unlink() {
      prev.next = next;
      next.prev = prev;
      prev = this;
      next = this;
    }
  }

  /** Builds a {@link TimingWheel}. Not thread-safe. */
  public static final class Builder<K, V> {
    private final Duration interval;
    private final int slots;
    private final BiConsumer<? super K, ? super V> execute;
    private Ticker ticker = Ticker.system();
    private Executor executor = Runnable::run;

    private Builder(Duration interval, int slots, BiConsumer<? super K, ? super V> execute) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
      }
      if (slots < 1) {
        throw new IllegalArgumentException("slots: " + slots + " (expected: > 0)");
      }
      this.interval = interval;
      this.slots = slots;
      this.execute = requireNonNull(execute, "execute");
    }

    /** The time source the wheel thread ticks by. Default: {@link Ticker#system()}. */
    public Builder<K, V> ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Where each tick's batch of callbacks runs (one task per tick, callbacks in order, like
     * go-zero's one goroutine per tick). Default: the wheel thread itself.
     */
    public Builder<K, V> executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** A new wheel with its thread started. */
    public TimingWheel<K, V> build() {
      return new TimingWheel<>(this, true);
    }
  }
}
