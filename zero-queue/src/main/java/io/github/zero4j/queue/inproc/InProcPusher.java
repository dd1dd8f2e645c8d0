package io.github.zero4j.queue.inproc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.PushException;
import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Pusher} into an {@link InProcTopic}: the message is stored when the push returns, so
 * {@code pushAsync} completes before it returns (or waits for room in a full topic, as a Kafka
 * producer waits for buffer space). Thread-safe.
 */
final class InProcPusher implements Pusher {
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
    if (closed) {
      return CompletableFuture.failedFuture(
          new PushException(topic.name(), "the pusher is closed", null));
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    tracing.inject(Context.current(), all::put);
    try {
      long offset = topic.append(key, value, all, timeoutNanos);
      return CompletableFuture.completedFuture(new PushResult(topic.name(), 0, offset));
    } catch (PushException e) {
      return CompletableFuture.failedFuture(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(
          new PushException(topic.name(), "interrupted while waiting for room", e));
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
