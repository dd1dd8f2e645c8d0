package io.github.zero4j.rest;

/**
 * The body of a {@link Response#eventStream(SseHandler)} response: called on its own thread once
 * the response head ({@code 200}, {@code Content-Type: text/event-stream}) is sent; the stream ends
 * when it returns (or throws: the exception is logged).
 */
@FunctionalInterface
public interface SseHandler {

  /** Writes the events of one stream through {@code emitter}. */
  void stream(SseEmitter emitter) throws Exception;
}
