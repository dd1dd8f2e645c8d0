package io.github.zero4j.rest.internal.chain;

import static io.github.zero4j.core.stat.MetricNames.HTTP_SERVER_DURATION_BUCKETS_MS;
import static io.github.zero4j.core.stat.MetricNames.HTTP_SERVER_REQUESTS_CODE_HELP;
import static io.github.zero4j.core.stat.MetricNames.HTTP_SERVER_REQUESTS_CODE_TOTAL;
import static io.github.zero4j.core.stat.MetricNames.HTTP_SERVER_REQUESTS_DURATION_HELP;
import static io.github.zero4j.core.stat.MetricNames.HTTP_SERVER_REQUESTS_DURATION_MS;
import static io.github.zero4j.core.stat.MetricNames.LABEL_CODE;
import static io.github.zero4j.core.stat.MetricNames.LABEL_METHOD;
import static io.github.zero4j.core.stat.MetricNames.LABEL_PATH;

import io.github.zero4j.core.stat.ZeroMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code http_server_requests_*} meters of one route, resolved once per status code instead of
 * on every request: {@link ZeroMeters#recordHttpServer} looks both meters up in the registry (tags
 * built, a concurrent map searched), which a route's hot path should not pay. Records exactly what
 * {@code recordHttpServer(path, method, code, nanos)} records; a request with another method than
 * the route's, or a status outside 100-599, takes that uncached path.
 *
 * <p>Thread-safe: two threads resolving the same code at once get the same meters from the
 * registry, and either may win the slot.
 */
final class RouteMeters {
  private static final int MIN_CODE = 100;
  private static final int MAX_CODE = 599;
  private static final double NANOS_PER_MILLI = 1e6;

  private final ZeroMeters meters;
  private final String path;
  private final String method;
  private final AtomicReferenceArray<Pair> byCode =
      new AtomicReferenceArray<>(MAX_CODE - MIN_CODE + 1);

  RouteMeters(ZeroMeters meters, String path, String method) {
    this.meters = meters;
    this.path = path;
    this.method = method;
  }

  /** One request of {@code method} answered {@code code} after {@code nanos}. */
  void record(String method, int code, long nanos) {
    if (code < MIN_CODE || code > MAX_CODE || !this.method.equals(method)) {
      meters.recordHttpServer(path, method, code, nanos);
      return;
    }
    Pair pair = byCode.get(code - MIN_CODE);
    if (pair == null) {
      pair = resolve(code);
      byCode.set(code - MIN_CODE, pair);
    }
    pair.duration.record(Math.max(0, nanos) / NANOS_PER_MILLI);
    pair.count.increment();
  }

  private Pair resolve(int code) {
    String[] labels = {LABEL_PATH, path, LABEL_METHOD, method, LABEL_CODE, Integer.toString(code)};
    return new Pair(
        meters.durationMs(
            HTTP_SERVER_REQUESTS_DURATION_MS,
            HTTP_SERVER_REQUESTS_DURATION_HELP,
            HTTP_SERVER_DURATION_BUCKETS_MS,
            labels),
        meters.counter(HTTP_SERVER_REQUESTS_CODE_TOTAL, HTTP_SERVER_REQUESTS_CODE_HELP, labels));
  }

  private static final class Pair {
    final DistributionSummary duration;
    final Counter count;

    Pair(DistributionSummary duration, Counter count) {
      this.duration = duration;
      this.count = count;
    }
  }
}
