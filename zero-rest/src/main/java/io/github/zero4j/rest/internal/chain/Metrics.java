package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.Response;

/**
 * {@link io.github.zero4j.rest.BuiltIn#METRICS}: go-zero's rest/handler/metrichandler.go. The
 * duration of the rest of the chain goes into the server's {@link StatMetrics}, which logs the
 * per-minute {@code (<name>) - qps: ..., drops: ...} line. Thread-safe: StatMetrics is.
 */
final class Metrics implements Middleware {
  private final StatMetrics stat;
  private final Ticker ticker;

  Metrics(StatMetrics stat, Ticker ticker) {
    this.stat = stat;
    this.ticker = ticker;
  }

  @Override
  public Response handle(Chain chain) throws Exception {
    long start = ticker.read();
    try {
      return chain.proceed(chain.request());
    } finally {
      stat.add(ticker.read() - start);
    }
  }

  @Override
  public String toString() {
    return "METRICS";
  }
}
