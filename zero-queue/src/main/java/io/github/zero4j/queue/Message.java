package io.github.zero4j.queue;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One consumed message, as a {@link MessageHandler} sees it: where it came from (topic, partition,
 * offset), its key, value and headers as UTF-8 strings, and which delivery attempt this is within
 * the current consumer.
 *
 * <pre>{@code
 * MessageHandler handler = message -> {
 *   Order order = json.readValue(message.value(), Order.class);
 *   String source = message.header("source").orElse("web");
 *   ...
 * };
 * Message test = Message.builder("orders", "{...}").key("order-1").build();  // for unit tests
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Message {
  private final String topic;
  private final int partition;
  private final long offset;
  private final @Nullable String key;
  private final String value;
  private final Map<String, String> headers;
  private final int attempt;

  private Message(Builder b, int attempt) {
    this.topic = b.topic;
    this.partition = b.partition;
    this.offset = b.offset;
    this.key = b.key;
    this.value = b.value;
    this.headers = b.headers;
    this.attempt = attempt;
  }

  private Message(Message m, int attempt) {
    this.topic = m.topic;
    this.partition = m.partition;
    this.offset = m.offset;
    this.key = m.key;
    this.value = m.value;
    this.headers = m.headers;
    this.attempt = attempt;
  }

  /** A builder for a message of {@code topic} carrying {@code value}: partition 0, offset 0. */
  public static Builder builder(String topic, String value) {
    return new Builder(topic, value);
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  /** The key, or {@code ""} when the message has none (go-queue passes {@code ""} too). */
  public String key() {
    return key != null ? key : "";
  }

  /** Whether the message was written with a key ({@code ""} counts as a key). */
  public boolean hasKey() {
    return key != null;
  }

  /** The value; {@code ""} for an empty or null (tombstone) value. */
  public String value() {
    return value;
  }

  /** The headers, unmodifiable; of a repeated header name the last value wins. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The header {@code name}, if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(requireNonNull(name, "name")));
  }

  /**
   * 1 on the first delivery in this consumer, 2 and up on its retries. A message redelivered after
   * a restart or rebalance starts again at 1.
   */
  public int attempt() {
    return attempt;
  }

  /** This message as delivery attempt {@code attempt} (>= 1). */
  public Message withAttempt(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
    }
    return attempt == this.attempt ? this : new Message(this, attempt);
  }

  @Override
  public String toString() {
    return "Message[" + topic + "-" + partition + "@" + offset + ", key=" + key() + "]";
  }

  /** Builds a {@link Message}. Not thread-safe. */
  public static final class Builder {
    private final String topic;
    private final String value;
    private int partition;
    private long offset;
    private @Nullable String key;
    private Map<String, String> headers = Map.of();

    Builder(String topic, String value) {
      this.topic = requireNonNull(topic, "topic");
      this.value = requireNonNull(value, "value");
    }

    public Builder partition(int partition) {
      if (partition < 0) {
        throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
      }
      this.partition = partition;
      return this;
    }

    public Builder offset(long offset) {
      if (offset < 0) {
        throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
      }
      this.offset = offset;
      return this;
    }

    public Builder key(String key) {
      this.key = requireNonNull(key, "key");
      return this;
    }

    /** The headers; copied, iteration order kept. */
    public Builder headers(Map<String, String> headers) {
      requireNonNull(headers, "headers");
      this.headers =
          headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      return this;
    }

    public Message build() {
      return new Message(this, 1);
    }
  }
}
