package io.github.zero4j.rest.internal.chain;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.load.OverloadedException;
import io.github.zero4j.core.load.Promise;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Response;
import org.jspecify.annotations.Nullable;

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
  public @Nullable Response enter(Call call) {
    try {
      call.shedderPromise = shedder.allow();
      return null;
    } catch (OverloadedException e) {
      return Drop.answer(
          call, stat, renderer, Rejection.OVERLOADED, "overloaded, rejected with code 503");
    }
  }

  /** The server's default breakers and its shedders read the call's readings (CallClock). */
  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    Promise promise = requireNonNull(call.shedderPromise, "shedderPromise");
    call.shedderPromise = null;
    if (response == null || response.status() == SERVICE_UNAVAILABLE) {
      promise.fail();
    } else {
      promise.pass();
    }
    return response;
  }
}
