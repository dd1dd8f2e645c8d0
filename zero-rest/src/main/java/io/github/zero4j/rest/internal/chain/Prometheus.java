package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.rest.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.github.zero4j.rest.BuiltIn#PROMETHEUS}: go-zero's rest/handler/prometheushandler.go.
 * Every request, rejected ones included (this stage sits outside the limiters), observes {@code
 * http_server_requests_duration_ms} and increments {@code http_server_requests_code_total},
 * labelled with the route pattern, the method and the status code ({@link
 * ZeroMeters#recordHttpServer}, through the route's {@link RouteMeters}, which resolves each status
 * code's meters once). Thread-safe: Micrometer meters are.
 */
final class Prometheus implements Stage {
  private static final int SERVER_ERROR = 500;

  private final RouteMeters meters;

  /** Records requests of the route {@code method} {@code path}. */
  Prometheus(ZeroMeters meters, String path, String method) {
    this.meters = new RouteMeters(meters, path, method);
  }

  @Override
  public @Nullable Response enter(Call call) {
    return null;
  }

  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    meters.record(
        call.request.method(), response != null ? response.status() : SERVER_ERROR, call.nanos());
    return response;
  }
}
