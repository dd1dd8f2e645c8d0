package io.github.zero4j.queue;

/**
 * Told about a message whose handler failed for good (every retry failed), before it goes to the
 * dead-letter topic or is skipped: go-queue's {@code WithErrorHandler}. Runs on the worker thread;
 * exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface ErrorHandler {

  void onError(Message message, Throwable error);
}
