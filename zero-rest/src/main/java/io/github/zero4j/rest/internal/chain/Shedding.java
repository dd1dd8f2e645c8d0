package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.load.OverloadedException;
import io.github.zero4j.core.load.Promise;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link io.github.zero4j.rest.BuiltIn#SHEDDING}: go-zero's rest/handler/sheddinghandler.go. The
 * server's adaptive shedder (its priority twin for routes marked priority) admits the request or
 * drops it: a drop is answered 503 with no body ({@link Rejection#OVERLOADED} through the error
 * handler), added to the stat metrics and logged {@code [http] dropped, <uri> - <addr> - <agent>}
 * at ERROR. An admitted request fails its promise when answered 503, as go-zero does (an overloaded
 * answer from further in), and passes otherwise.
 *
 * <p>Thread-safe: the shedder is.
 */
final class Shedding implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.zero4j.rest.RestServer");

  /** go-zero fails the promise on http.StatusServiceUnavailable only. */
  private static final int SERVICE_UNAVAILABLE = 503;

  private final Shedder shedder;
  private final StatMetrics stat;
  private final Renderer renderer;

  Shedding(Shedder shedder, StatMetrics stat, Renderer renderer) {
    this.shedder = shedder;
    this.stat = stat;
    this.renderer = renderer;
  }

  @Override
  public CompletableFuture<Response> handle(Request request, Exchange exchange, Next next) {
    Promise promise;
    try {
      promise = shedder.allow();
    } catch (OverloadedException e) {
      stat.addDrop();
      LOG.error(
          "[http] dropped, {} - {} - {}",
          request.uri(),
          request.clientAddress(),
          request.header("User-Agent").orElse(""));
      String message = "overloaded, rejected with code 503";
      exchange.note(message);
      return CompletableFuture.completedFuture(
          renderer.reject(request, Rejection.OVERLOADED, message));
    }
    CompletableFuture<Response> response;
    try {
      response = next.proceed(request, exchange);
    } catch (RuntimeException | Error e) {
      promise.fail();
      throw e;
    }
    return response.whenComplete(
        (rendered, error) -> {
          if (rendered == null || rendered.status() == SERVICE_UNAVAILABLE) {
            promise.fail();
          } else {
            promise.pass();
          }
        });
  }
}
