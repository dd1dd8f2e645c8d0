package io.github.zero4j.queue.internal;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.ErrorHandler;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.MessageHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one message to its end on a worker thread: the handler under a consumer span, blocking
 * retries with backoff (the message keeps its lane, so later messages of its key wait), then the
 * error handler and the dead-letter topic or a skip. Reports the outcome to the delivery's
 * dispatcher exactly once: done (may be committed) or abandoned (left for the next owner).
 *
 * <p>A message is abandoned when its partition is revoked (a drain ran out of time, or the
 * partition was lost) or the queue is aborted, before it starts, while it waits for a retry, or
 * when its handler fails meanwhile: the next owner retries it. A drain (rebalance, graceful stop)
 * revokes only at its deadline, so until then queued messages and retries go on. A running handler
 * is never interrupted by a revoke or a graceful stop.
 *
 * <p>Thread-safe; shared by all of a queue's dispatchers. Never throws.
 */
public final class Processor<D extends Delivery> {
  private static final Logger log = LoggerFactory.getLogger(Processor.class);

  private final MessageHandler handler;
  private final ErrorHandler errorHandler;
  private final @Nullable DeadLetterSink<D> deadLetters;
  private final Semaphore permits;
  private final Backoff backoff;
  private final int retries;
  private final boolean retryForever;
  private final Tracing tracing;
  private final String spanName;
  private final String topic;
  private final QueueMetrics metrics;
  private final Ticker ticker;
  private final BooleanSupplier aborted;

  Processor(
      ConsumerSettings settings,
      MessageHandler handler,
      ErrorHandler errorHandler,
      @Nullable DeadLetterSink<D> deadLetters,
      Semaphore permits,
      Tracing tracing,
      QueueMetrics metrics,
      Ticker ticker,
      BooleanSupplier aborted) {
    this.handler = handler;
    this.errorHandler = errorHandler;
    this.deadLetters = deadLetters;
    this.permits = permits;
    this.backoff = new Backoff(settings.retryBackoff(), settings.retryMaxBackoff());
    this.retries = settings.retries();
    this.retryForever = !settings.forceCommit() && deadLetters == null;
    this.tracing = tracing;
    this.topic = settings.topic();
    // OpenTelemetry messaging conventions name a consumer span "<operation> <destination>".
    this.spanName = "process " + settings.topic();
    this.metrics = metrics;
    this.ticker = ticker;
    this.aborted = aborted;
  }

  /** Handles {@code delivery} and reports its outcome. */
  public void process(D delivery) {
    try {
      run(delivery);
    } catch (Throwable t) {
      // Only a bug in this class gets here; leave the message for redelivery rather than lose it.
      log.error("processing {} of {} failed unexpectedly", delivery.offset(), topic, t);
      finish(delivery, false);
    }
  }

  private void run(D delivery) {
    PartitionState partition = delivery.partition();
    if (stopped(partition)) {
      finish(delivery, false);
      return;
    }
    Message first = delivery.message();
    for (int attempt = 1; ; attempt++) {
      Message message = first.withAttempt(attempt);
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finish(delivery, false);
        return;
      }
      long start = ticker.read();
      Throwable failure;
      try {
        failure = invoke(message);
      } finally {
        permits.release();
      }
      if (failure == null) {
        metrics.handled(ticker.read() - start);
        finish(delivery, true);
        return;
      }
      if (stopped(partition)) {
        finish(delivery, false);
        return;
      }
      if (retryForever || attempt <= retries) {
        metrics.retried();
        if (!sleep(partition, attempt)) {
          finish(delivery, false);
          return;
        }
        continue;
      }
      giveUp(delivery, message, failure, attempt);
      return;
    }
  }

  /** Calls the handler under a consumer span; returns its failure, or null. */
  private @Nullable Throwable invoke(Message message) {
    Span span = tracing.startConsumer(spanName, name -> message.headers().get(name));
    try (Scope ignored = span.makeCurrent()) {
      handler.handle(message);
      return null;
    } catch (Throwable t) {
      span.setStatus(StatusCode.ERROR);
      span.recordException(t);
      return t;
    } finally {
      span.end();
    }
  }

  private void giveUp(D delivery, Message message, Throwable failure, int attempts) {
    metrics.failed();
    try {
      errorHandler.onError(message, failure);
    } catch (Throwable t) {
      log.warn("error handler failed for {}", message, t);
    }
    DeadLetterSink<D> sink = deadLetters;
    if (sink == null) {
      // ForceCommit: go-queue skips a failed message; here only after its retries.
      finish(delivery, true);
      return;
    }
    for (int tries = 1; ; tries++) {
      try {
        sink.send(delivery, message, failure, attempts);
        metrics.deadLettered();
        finish(delivery, true);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finish(delivery, false);
        return;
      } catch (Exception e) {
        log.warn("cannot dead-letter {}; retrying", message, e);
        if (!sleep(delivery.partition(), tries)) {
          finish(delivery, false);
          return;
        }
      }
    }
  }

  /** Waits for retry {@code retry}'s backoff; false if the partition was revoked meanwhile. */
  private boolean sleep(PartitionState partition, int retry) {
    long nanos = backoff.delayNanos(retry, ThreadLocalRandom.current().nextDouble());
    try {
      return !partition.awaitRevoked(nanos) && !aborted.getAsBoolean();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean stopped(PartitionState partition) {
    return partition.revoked() || aborted.getAsBoolean() || Thread.currentThread().isInterrupted();
  }

  private static void finish(Delivery delivery, boolean done) {
    Dispatcher<?> owner = delivery.owner;
    if (owner != null) {
      owner.completed(delivery, done);
    }
  }
}
