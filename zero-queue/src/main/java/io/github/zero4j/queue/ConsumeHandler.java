package io.github.zero4j.queue;

/**
 * go-queue's {@code ConsumeHandler}: {@code Consume(key, value string) error}, as a {@code (key,
 * value)} lambda. The key is {@code ""} when the message has none. Same contract as {@link
 * MessageHandler}, which also sees the headers, the offset and the attempt number.
 */
@FunctionalInterface
public interface ConsumeHandler {

  void consume(String key, String value) throws Exception;

  /** This handler as a {@link MessageHandler}. */
  default MessageHandler asMessageHandler() {
    return message -> consume(message.key(), message.value());
  }
}
