package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.util.concurrent.CompletableFuture;

/** The rest of a route's chain as an event-loop stage sees it. */
interface Next {

  /** Runs the rest of the chain; the future completes on the event loop. */
  CompletableFuture<Response> proceed(Request request, Exchange exchange);
}
