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
 * ZeroMeters#recordHttpServer}). Thread-safe: Micrometer meters are.
 */
final class Prometheus implements Stage {
  private static final int SERVER_ERROR = 500;

  private final ZeroMeters meters;
  private final Ticker ticker;
  private final String path;

  Prometheus(ZeroMeters meters, Ticker ticker, String path) {
    this.meters = meters;
    this.ticker = ticker;
    this.path = path;
  }

  @Override
  public CompletableFuture<Response> handle(Request request, Exchange exchange, Next next) {
    long start = ticker.read();
    return next.proceed(request, exchange)
        .whenComplete(
            (response, error) ->
                meters.recordHttpServer(
                    path,
                    request.method(),
                    response != null ? response.status() : SERVER_ERROR,
                    ticker.read() - start));
  }
}
