package io.github.zero4j.rest;

/**
 * Answers one request. Handlers run on a virtual thread (JDK 21+) or a handler-pool thread, so they
 * may block; a route declared non-blocking runs its handler on the connection's event loop instead,
 * where it must not block.
 *
 * <p>Throw a {@link RestException} for an expected failure with a status (it is rendered by the
 * server's error handler); any other exception is a bug and becomes a 500 through the {@link
 * BuiltIn#RECOVER} middleware.
 */
@FunctionalInterface
public interface Handler {

  /** Returns the response to {@code request}; never {@code null}. */
  Response handle(Request request) throws Exception;
}
