package io.github.zero4j.core.stat;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ZeroMeters meters = ZeroMeters.of(registry);

  private static List<Double> buckets(DistributionSummary summary) {
    return Arrays.stream(summary.takeSnapshot().histogramCounts())
        .map(CountAtBucket::bucket)
        .toList();
  }

  private static double countAt(DistributionSummary summary, double bucket) {
    return Arrays.stream(summary.takeSnapshot().histogramCounts())
        .filter(c -> c.bucket() == bucket)
        .findFirst()
        .orElseThrow()
        .count();
  }

  @Test
  void recordHttpServer_goZeroNamesLabelsAndBuckets() {
    meters.recordHttpServer("/users/:id", "GET", 200, 7_500_000); // 7.5 ms

    DistributionSummary duration =
        registry
            .get("http_server_requests_duration_ms")
            .tags("path", "/users/:id", "method", "GET", "code", "200")
            .summary();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalAmount()).isEqualTo(7.5);
    assertThat(buckets(duration))
        .containsExactly(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 750.0, 1000.0);
    assertThat(countAt(duration, 5.0)).isZero();
    assertThat(countAt(duration, 10.0)).isEqualTo(1);
    assertThat(duration.getId().getDescription()).isEqualTo("http server requests duration(ms).");

    Counter codes =
        registry
            .get("http_server_requests_code_total")
            .tags("path", "/users/:id", "method", "GET", "code", "200")
            .counter();
    assertThat(codes.count()).isEqualTo(1);
  }

  @Test
  void recordHttpServer_separatesSeriesByCode() {
    meters.recordHttpServer("/a", "POST", 200, 1_000_000);
    meters.recordHttpServer("/a", "POST", 503, 1_000_000);
    meters.recordHttpServer("/a", "POST", 503, 1_000_000);

    assertThat(registry.get("http_server_requests_code_total").tag("code", "503").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("http_server_requests_code_total").tag("code", "200").counter().count())
        .isEqualTo(1);
  }

  @Test
  void recordRpcServer_methodLabelAndRpcBuckets() {
    meters.recordRpcServer("/user.User/Get", 4, 1_500_000); // DEADLINE_EXCEEDED, 1.5 ms

    DistributionSummary duration =
        registry.get("rpc_server_requests_duration_ms").tags("method", "/user.User/Get").summary();
    assertThat(duration.getId().getTags()).hasSize(1);
    assertThat(buckets(duration))
        .containsExactly(
            1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0);
    assertThat(countAt(duration, 1.0)).isZero();
    assertThat(countAt(duration, 2.0)).isEqualTo(1);
    assertThat(
            registry
                .get("rpc_server_requests_code_total")
                .tags("method", "/user.User/Get", "code", "4")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void recordRpcClient_sameShapeAsServer() {
    meters.recordRpcClient("/user.User/Get", 0, 3_000_000);

    DistributionSummary duration =
        registry.get("rpc_client_requests_duration_ms").tag("method", "/user.User/Get").summary();
    assertThat(buckets(duration)).containsExactlyElementsOf(MetricNames.RPC_DURATION_BUCKETS_MS);
    assertThat(duration.totalAmount()).isEqualTo(3.0);
    assertThat(
            registry
                .get("rpc_client_requests_code_total")
                .tags("method", "/user.User/Get", "code", "0")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void durationMs_integerBoundariesAreExact() {
    // Micrometer rounds amounts up to a whole number before bucketing; for whole-millisecond
    // boundaries (all of REST's and RPC's) that changes nothing: ceil(v) <= b exactly when v <= b.
    meters.recordRpcServer("/m", 0, 10_000_000); // 10.0 ms
    meters.recordRpcServer("/m", 0, 10_000_001); // just over 10 ms

    DistributionSummary duration =
        registry.get(MetricNames.RPC_SERVER_REQUESTS_DURATION_MS).tag("method", "/m").summary();
    assertThat(countAt(duration, 5.0)).isZero();
    assertThat(countAt(duration, 10.0)).isEqualTo(1);
    assertThat(countAt(duration, 25.0)).isEqualTo(2);
  }

  @Test
  void durationMs_storeBucketsKeepGoZerosSubMillisecondBoundaries() {
    DistributionSummary redis =
        meters.durationMs(
            MetricNames.REDIS_CLIENT_REQUESTS_DURATION_MS,
            "redis client requests duration(ms).",
            MetricNames.STORE_DURATION_BUCKETS_MS,
            MetricNames.LABEL_COMMAND,
            "get");
    redis.record(ZeroMeters.toMillis(400_000)); // 0.4 ms

    assertThat(buckets(redis)).startsWith(0.25, 0.5, 1.0, 1.5).endsWith(15000.0).hasSize(18);
    // Documented limitation: Micrometer counts 0.4 as 1, so it lands in le=1, not le=0.5.
    assertThat(countAt(redis, 0.5)).isZero();
    assertThat(countAt(redis, 1.0)).isEqualTo(1);
    assertThat(redis.totalAmount()).isEqualTo(0.4);
    assertThat(registry.get("redis_client_requests_duration_ms").tag("command", "get").summary())
        .isSameAs(redis);
  }

  @Test
  void global_usesMicrometersGlobalRegistry() {
    assertThat(ZeroMeters.global().registry()).isSameAs(Metrics.globalRegistry);
  }

  @Test
  void toMillis_fractionalAndNeverNegative() {
    assertThat(ZeroMeters.toMillis(1_234_567)).isEqualTo(1.234567);
    assertThat(ZeroMeters.toMillis(-1)).isZero();
  }
}
