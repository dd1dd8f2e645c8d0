package io.github.zero4j.queue.inproc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.PushCallback;
import io.github.zero4j.queue.PushException;
import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Pusher} into an {@link InProcTopic}: the message is stored when the push returns, so
 * {@code pushAsync} completes its future or calls its callback before it returns (or waits for room
 * in a full topic, as a Kafka producer waits for buffer space). Thread-safe.
 */
final class InProcPusher implements Pusher {
  private static final Logger log = LoggerFactory.getLogger(InProcPusher.class);

  private final InProcTopic topic;
  private final long timeoutNanos;
  private final Tracing tracing;
  private volatile boolean closed;

  InProcPusher(InProcTopic topic, long timeoutNanos, Tracing tracing) {
    this.topic = topic;
    this.timeoutNanos = timeoutNanos;
    this.tracing = tracing;
  }

  @Override
  public String topic() {
    return topic.name();
  }

  @Override
  public CompletableFuture<PushResult> pushAsync(String value) {
    requireNonNull(value, "value");
    return append(null, value, Map.of());
  }

  @Override
  public CompletableFuture<PushResult> pushAsync(
      String key, String value, Map<String, String> headers) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(headers, "headers");
    return append(key, value, headers);
  }

  private CompletableFuture<PushResult> append(
      @Nullable String key, String value, Map<String, String> headers) {
    try {
      return CompletableFuture.completedFuture(write(key, value, headers));
    } catch (PushException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void pushAsync(String value, PushCallback callback) {
    requireNonNull(value, "value");
    requireNonNull(callback, "callback");
    append(null, value, Map.of(), callback);
  }

  @Override
  public void pushAsync(
      String key, String value, Map<String, String> headers, PushCallback callback) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(headers, "headers");
    requireNonNull(callback, "callback");
    append(key, value, headers, callback);
  }

  /** Stores the message and tells {@code callback}, on this thread, before returning. */
  private void append(
      @Nullable String key, String value, Map<String, String> headers, PushCallback callback) {
    PushResult result;
    try {
      result = write(key, value, headers);
    } catch (PushException e) {
      tell(callback, null, e);
      return;
    }
    tell(callback, result, null);
  }

  private void tell(
      PushCallback callback, @Nullable PushResult result, @Nullable PushException error) {
    try {
      callback.onCompletion(result, error);
    } catch (RuntimeException e) {
      log.warn("the push callback of {} failed", topic.name(), e);
    }
  }

  /** Stores the message (waiting for room up to the timeout) and says where. */
  private PushResult write(@Nullable String key, String value, Map<String, String> headers) {
    if (closed) {
      throw new PushException(topic.name(), "the pusher is closed", null);
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    tracing.inject(Context.current(), all::put);
    try {
      long offset = topic.append(key, value, all, timeoutNanos);
      return new PushResult(topic.name(), 0, offset);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PushException(topic.name(), "interrupted while waiting for room", e);
    }
  }

  /** Nothing is buffered: marks the pusher closed. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "InProcPusher(" + topic.name() + ")";
  }
}
