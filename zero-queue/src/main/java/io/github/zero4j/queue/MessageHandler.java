package io.github.zero4j.queue;

/**
 * Handles one message. Returning normally marks it done; throwing makes the queue retry it (with
 * backoff) and, when the retries are used up, hand it to the dead-letter topic or skip it. A
 * handler must be idempotent: delivery is at least once. It runs on a worker thread (a virtual
 * thread on JDK 21+) and may block.
 */
@FunctionalInterface
public interface MessageHandler {

  void handle(Message message) throws Exception;
}
