package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.util.concurrent.CompletableFuture;

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
  private final Ticker ticker;

  /** Records requests of the route {@code method} {@code path}. */
  Prometheus(ZeroMeters meters, Ticker ticker, String path, String method) {
    this.meters = new RouteMeters(meters, path, method);
    this.ticker = ticker;
  }

  @Override
  public CompletableFuture<Response> handle(Request request, Exchange exchange, Next next) {
    long start = ticker.read();
    return next.proceed(request, exchange)
        .whenComplete(
            (response, error) ->
                meters.record(
                    request.method(),
                    response != null ? response.status() : SERVER_ERROR,
                    ticker.read() - start));
  }
}
