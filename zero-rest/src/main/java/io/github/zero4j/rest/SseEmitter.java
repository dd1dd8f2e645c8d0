package io.github.zero4j.rest;

/**
 * Writes Server-Sent Events to one client, from the thread running an {@link SseHandler}. Each
 * write is flushed at once. When the client has gone every write returns {@code false} and does
 * nothing; {@link #onClose(Runnable)} callbacks run once, on the connection's event loop, when it
 * goes.
 *
 * <p>Thread-safe: writes from several threads are each written whole, in the order they are made.
 */
public interface SseEmitter {

  /** Sends {@code data: <line>} for each line of {@code data}, then a blank line. */
  boolean send(String data);

  /** Sends {@code event: <event>} then the data lines, then a blank line. */
  boolean send(String event, String data);

  /** Sends a {@code : <text>} comment line (a keep-alive the client ignores). */
  boolean comment(String text);

  /** Whether the client is still connected. */
  boolean isOpen();

  /** Runs {@code callback} when the client disconnects (at once if it already has). */
  void onClose(Runnable callback);
}
