package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.github.zero4j.rest.BuiltIn#MAX_CONNS}: go-zero's rest/handler/maxconnshandler.go, a
 * non-blocking semaphore per route. Over the limit the request is answered 503 at once and the
 * access line says {@code concurrent connections over N, rejected with code 503}. The permit is
 * returned when the response is known (for a timed-out request, at the timeout, as in go-zero).
 *
 * <p>Thread-safe: one atomic counter, taken and returned on event loops.
 */
final class MaxConns implements Stage {
  private final int limit;
  private final Renderer renderer;
  private final AtomicInteger inFlight = new AtomicInteger();

  MaxConns(int limit, Renderer renderer) {
    this.limit = limit;
    this.renderer = renderer;
  }

  @Override
  public @Nullable Response enter(Call call) {
    if (tryAcquire()) {
      return null;
    }
    String message = "concurrent connections over " + limit + ", rejected with code 503";
    call.exchange.note(message);
    return renderer.reject(call.request, Rejection.TOO_MANY_CONNECTIONS, message);
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    inFlight.decrementAndGet();
    return response;
  }

  private boolean tryAcquire() {
    while (true) {
      int current = inFlight.get();
      if (current >= limit) {
        return false;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }
}
