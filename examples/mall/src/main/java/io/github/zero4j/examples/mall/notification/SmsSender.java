package io.github.zero4j.examples.mall.notification;

/**
 * Sends a short text to a user: the seam between notification-mq and an SMS gateway. A provider is
 * chosen by the {@code Sms.Provider} key (see {@link SmsSenders}).
 *
 * <p>{@link #send} throws when the text was not accepted; the exception propagates out of the queue
 * handler, so the message is retried and finally dead-lettered, as zero-queue's contract says.
 * Implementations must be thread-safe: the queue calls them from several workers.
 */
@FunctionalInterface
public interface SmsSender {

  /**
   * Sends {@code text} to {@code recipient}: a mobile number, or {@code user:<id>} when only the
   * user id is known (the gateway then looks the number up).
   */
  void send(String recipient, String text);
}
