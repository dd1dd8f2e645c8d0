package io.github.zero4j.rest.internal.chain;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.breaker.Promise;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.github.zero4j.rest.BuiltIn#BREAKER}: go-zero's rest/handler/breakerhandler.go. The
 * route's breaker (named {@code METHOD://path}) is asked first; when it rejects, the request is
 * answered 503 with no body ({@link Rejection#BREAKER_OPEN} through the error handler), a drop is
 * added to the stat metrics and {@code [http] dropped, <uri> - <addr> - <agent>} is logged at
 * ERROR. Otherwise the final status decides: below 500 accepts, 500 and above rejects with reason
 * {@code "<code> <status text>"}.
 *
 * <p>Thread-safe: the breaker is.
 */
final class RouteBreaker implements Stage {
  private static final int SERVER_ERROR = 500;

  private final Breaker breaker;
  private final StatMetrics stat;
  private final Renderer renderer;

  RouteBreaker(Breaker breaker, StatMetrics stat, Renderer renderer) {
    this.breaker = breaker;
    this.stat = stat;
    this.renderer = renderer;
  }

  @Override
  public @Nullable Response enter(Call call) {
    try {
      call.breakerPromise = breaker.allow();
      return null;
    } catch (BreakerOpenException e) {
      String message = "breaker " + breaker.name() + " is open, rejected with code 503";
      return Drop.answer(call, stat, renderer, Rejection.BREAKER_OPEN, message);
    }
  }

  /** The server's default breakers and its shedders read the call's readings (CallClock). */
  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    Promise promise = requireNonNull(call.breakerPromise, "breakerPromise");
    call.breakerPromise = null;
    int status = response != null ? response.status() : SERVER_ERROR;
    if (status < SERVER_ERROR) {
      promise.accept();
    } else {
      promise.reject(status + " " + HttpResponseStatus.valueOf(status).reasonPhrase());
    }
    return response;
  }
}
