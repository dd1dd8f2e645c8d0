package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How BREAKER and SHEDDING drop a request, as go-zero's breakerhandler.go and sheddinghandler.go
 * do: a drop in the stat metrics, {@code [http] dropped, <uri> - <addr> - <agent>} at ERROR, the
 * reason on the access line, and the rejection through the error handler.
 */
final class Drop {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.zero4j.rest.RestServer");

  private Drop() {}

  /** The rendered answer to {@code call} dropped for {@code rejection}, said as {@code message}. */
  static Response answer(
      Call call, StatMetrics stat, Renderer renderer, Rejection rejection, String message) {
    Request request = call.request;
    stat.addDrop();
    LOG.error(
        "[http] dropped, {} - {} - {}",
        request.uri(),
        request.clientAddress(),
        request.header("User-Agent").orElse(""));
    call.exchange.note(message);
    return renderer.reject(request, rejection, message);
  }
}
