package io.github.zero4j.queue.internal;

import io.github.zero4j.core.sync.Workers;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.ErrorHandler;
import io.github.zero4j.queue.MessageHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * What a queue's drivers share: the worker executor ({@link Workers}: virtual threads on JDK 21+),
 * the {@code Processors} permits, the in-flight count and the {@link Processor}. Each driver (a
 * poll thread) gets its own {@link Dispatcher}. Thread-safe.
 */
public final class ConsumerCore<D extends Delivery> {
  /**
   * Platform workers per permit (JDK 17): a message sleeping in its retry backoff holds a thread
   * but not a permit, so twice as many threads keep the others going.
   */
  private static final int PLATFORM_THREADS_PER_PERMIT = 2;

  private final ConsumerSettings settings;
  private final ExecutorService executor;
  private final InFlight inFlight;
  private final Processor<D> processor;
  private volatile boolean aborted;

  public ConsumerCore(
      ConsumerSettings settings,
      MessageHandler handler,
      ErrorHandler errorHandler,
      @Nullable DeadLetterSink<D> deadLetters,
      Tracing tracing,
      QueueMetrics metrics,
      Ticker ticker) {
    this.settings = settings;
    this.executor =
        Workers.newExecutor(
            "zero4j-queue-worker-" + settings.topic() + "-",
            settings.processors() * PLATFORM_THREADS_PER_PERMIT);
    this.inFlight = new InFlight(settings.maxInFlight());
    this.processor =
        new Processor<>(
            settings,
            handler,
            errorHandler,
            deadLetters,
            new Semaphore(settings.processors()),
            tracing,
            metrics,
            ticker,
            () -> aborted);
  }

  public ConsumerSettings settings() {
    return settings;
  }

  public InFlight inFlight() {
    return inFlight;
  }

  /** A dispatcher for one more driver. */
  public Dispatcher<D> newDispatcher() {
    return new Dispatcher<>(executor, processor, inFlight, settings.ordering());
  }

  /**
   * Crash-like stop: nothing more starts or retries, running handlers are interrupted, nothing is
   * drained.
   */
  public void abort() {
    aborted = true;
    executor.shutdownNow();
  }

  /** After the drivers have drained and stopped: ends whatever still runs past the deadline. */
  public void shutdown() {
    executor.shutdownNow();
  }
}
