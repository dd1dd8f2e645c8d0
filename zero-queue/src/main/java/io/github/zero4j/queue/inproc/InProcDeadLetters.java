package io.github.zero4j.queue.inproc;

import io.github.zero4j.queue.DeadLetterHeaders;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.internal.DeadLetterSink;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends given-up messages to the broker's dead-letter topic with {@link DeadLetterHeaders}. */
final class InProcDeadLetters implements DeadLetterSink<InProcDelivery> {
  private final InProcTopic topic;
  private final String group;
  private final long timeoutNanos;

  InProcDeadLetters(InProcTopic topic, String group, long timeoutNanos) {
    this.topic = topic;
    this.group = group;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void send(InProcDelivery delivery, Message message, Throwable error, int attempts)
      throws InterruptedException {
    Map<String, String> headers = new LinkedHashMap<>(message.headers());
    headers.put(DeadLetterHeaders.ORIGINAL_TOPIC, message.topic());
    headers.put(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(message.partition()));
    headers.put(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(message.offset()));
    headers.put(DeadLetterHeaders.GROUP, group);
    headers.put(DeadLetterHeaders.EXCEPTION_CLASS, error.getClass().getName());
    String text = error.getMessage();
    headers.put(DeadLetterHeaders.EXCEPTION_MESSAGE, text == null ? "" : text);
    headers.put(DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
    topic.append(message.hasKey() ? message.key() : null, message.value(), headers, timeoutNanos);
  }
}
