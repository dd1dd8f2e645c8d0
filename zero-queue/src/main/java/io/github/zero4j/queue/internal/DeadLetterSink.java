package io.github.zero4j.queue.internal;

import io.github.zero4j.queue.Message;

/** Writes a given-up message to the dead-letter topic and waits until it is stored. */
@FunctionalInterface
public interface DeadLetterSink<D extends Delivery> {

  /**
   * Stores {@code delivery} (decoded as {@code message}) with the error headers; throws if it could
   * not be stored, and is then called again after a backoff.
   */
  void send(D delivery, Message message, Throwable error, int attempts) throws Exception;
}
