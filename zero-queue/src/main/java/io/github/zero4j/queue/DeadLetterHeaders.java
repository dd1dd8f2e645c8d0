package io.github.zero4j.queue;

/**
 * Headers a queue adds to a message it writes to the dead-letter topic, next to the message's own
 * key, value and headers. Values are UTF-8 strings (not binary as Spring Kafka's), so kcat, Go and
 * a {@link MessageHandler} read them as they are.
 */
public final class DeadLetterHeaders {
  /** The topic the message was consumed from. */
  public static final String ORIGINAL_TOPIC = "zero4j-dlt-original-topic";

  /** Its partition, decimal. */
  public static final String ORIGINAL_PARTITION = "zero4j-dlt-original-partition";

  /** Its offset, decimal. */
  public static final String ORIGINAL_OFFSET = "zero4j-dlt-original-offset";

  /** The consumer group that gave up on it. */
  public static final String GROUP = "zero4j-dlt-group";

  /** The fully qualified class of the last exception. */
  public static final String EXCEPTION_CLASS = "zero4j-dlt-exception-class";

  /** The last exception's message ({@code ""} when it had none). */
  public static final String EXCEPTION_MESSAGE = "zero4j-dlt-exception-message";

  /** How many times the handler was called, decimal. */
  public static final String ATTEMPTS = "zero4j-dlt-attempts";

  private DeadLetterHeaders() {}
}
