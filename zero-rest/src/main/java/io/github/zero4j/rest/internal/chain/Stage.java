package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.util.concurrent.CompletableFuture;

/**
 * A built-in that wraps a request on its connection's event loop (the built-ins before {@link
 * io.github.zero4j.rest.BuiltIn#RECOVER}): it must not block, and it sees the request's final
 * response, or answers by itself, without holding a thread while the handler runs. Every future it
 * is given or returns completes on the event loop, so a stage needs no synchronization.
 */
interface Stage {

  /** Handles {@code request}, usually by calling {@code next} once. */
  CompletableFuture<Response> handle(Request request, Exchange exchange, Next next);
}
