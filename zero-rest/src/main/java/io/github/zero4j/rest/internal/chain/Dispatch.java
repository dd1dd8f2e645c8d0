package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off between the event-loop stages and the inner chain: a blocking route's inner chain
 * runs on the handler executor (virtual threads on JDK 21+) and its response hops back to the event
 * loop; a non-blocking route's runs right here on the event loop.
 *
 * <p>An exception that escapes the inner chain (only when {@link
 * io.github.zero4j.rest.BuiltIn#RECOVER} is off) is logged and answered with a bare 500, and the
 * connection is closed after it, much as Go's server aborts the connection on an unrecovered panic.
 */
final class Dispatch implements Next {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.zero4j.rest.RestServer");
  private static final int INTERNAL_ERROR = 500;

  private final Hop[] hops;
  private final boolean nonBlocking;
  private final Executor executor;
  private final Renderer renderer;

  Dispatch(Hop[] hops, boolean nonBlocking, Executor executor, Renderer renderer) {
    this.hops = hops;
    this.nonBlocking = nonBlocking;
    this.executor = executor;
    this.renderer = renderer;
  }

  @Override
  public CompletableFuture<Response> proceed(Request request, Exchange exchange) {
    if (nonBlocking) {
      return CompletableFuture.completedFuture(run(request, exchange));
    }
    CompletableFuture<Response> result = new CompletableFuture<>();
    try {
      // The TRACE stage's span is current here: the handler's thread gets it too.
      executor.execute(
          Context.current()
              .wrap(
                  () -> {
                    Response response = run(request, exchange);
                    try {
                      exchange.eventLoop().execute(() -> result.complete(response));
                    } catch (RejectedExecutionException e) {
                      // The event loop is shutting down: the connection is gone with it.
                      LOG.debug("response to {} dropped: event loop shut down", request, e);
                    }
                  }));
    } catch (RejectedExecutionException e) {
      String message = "handler pool full, rejected with code 503";
      exchange.note(message);
      return CompletableFuture.completedFuture(
          renderer.reject(request, Rejection.SERVER_BUSY, message));
    }
    return result;
  }

  private Response run(Request request, Exchange exchange) {
    try {
      return new RealChain(hops, 0, request, exchange, renderer).proceed(request);
    } catch (RestException e) {
      return renderer.render(Response.error(e), request);
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.error(
          "[HTTP] {} {} - unrecovered {} (RECOVER is off): answering 500 and closing the"
              + " connection",
          request.method(),
          request.uri(),
          e.toString(),
          e);
      exchange.closeAfterResponse();
      return Response.status(INTERNAL_ERROR);
    }
  }
}
