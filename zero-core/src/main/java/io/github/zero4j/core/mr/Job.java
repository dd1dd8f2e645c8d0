package io.github.zero4j.core.mr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/*
 * One unit of a run (the generator or one mapper) that can be cancelled before or while it runs.
 *
 * States: NEW -> RUNNING -> DONE on the normal path; NEW -> CANCELLED when cancelled before it
 * started (the canceller then runs the end callback, and the body never runs); RUNNING ->
 * INTERRUPTING -> INTERRUPTED when cancelled while running (the canceller interrupts the runner).
 * The end callback runs exactly once, by whoever moves the job out of NEW or RUNNING last.
 *
 * The interrupt is confined to the job, as in java.util.concurrent.FutureTask: it is sent only
 * while the job is RUNNING, and a job that ends while being interrupted waits for the interrupt to
 * land and then clears it, so it cannot hit whatever the pooled thread runs next. A job run inline
 * in the generator's thread leaves the flag set: the generator is being cancelled as well.
 */
final class Job implements Runnable {
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int CANCELLED = 3;
  private static final int INTERRUPTING = 4;
  private static final int INTERRUPTED = 5;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Job.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Runnable body;
  private final Consumer<Job> onEnd;
  private volatile int state = NEW;
  private volatile @Nullable Thread runner;

  Job(Runnable body, Consumer<Job> onEnd) {
    this.body = body;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    execute(false);
  }

  /** Runs the job in the current thread because the executor rejected it. */
  void runInline() {
    execute(true);
  }

  private void execute(boolean inline) {
    runner = Thread.currentThread();
    if (!STATE.compareAndSet(this, NEW, RUNNING)) {
      return;
    }
    try {
      body.run();
    } finally {
      if (!STATE.compareAndSet(this, RUNNING, DONE)) {
        while (state == INTERRUPTING) {
          Thread.onSpinWait();
        }
        if (!inline) {
          Thread.interrupted();
        }
      }
      runner = null;
      onEnd.accept(this);
    }
  }

  /** Keeps the job from starting, or interrupts it if it is running in another thread. */
  void cancel() {
    if (STATE.compareAndSet(this, NEW, CANCELLED)) {
      onEnd.accept(this);
      return;
    }
    Thread thread = runner;
    if (thread == null || thread == Thread.currentThread()) {
      return;
    }
    if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
      try {
        thread.interrupt();
      } finally {
        state = INTERRUPTED;
      }
    }
  }
}
