package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.stat.MetricNames;
import io.github.zero4j.core.stat.ZeroMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RouteMetersTest {

  /** Every meter of {@code registry} as "name{tags}" to its measurements, comparable by value. */
  private static Map<String, String> snapshot(SimpleMeterRegistry registry) {
    Map<String, String> out = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      String value =
          meter instanceof DistributionSummary summary
              ? summary.count() + "/" + summary.totalAmount() + "/" + summary.max()
              : meter instanceof Counter counter ? Double.toString(counter.count()) : "?";
      out.put(meter.getId().getName() + meter.getId().getTags(), value);
    }
    return out;
  }

  @Test
  void records_exactlyWhatRecordHttpServerRecords() {
    SimpleMeterRegistry cachedRegistry = new SimpleMeterRegistry();
    SimpleMeterRegistry plainRegistry = new SimpleMeterRegistry();
    RouteMeters cached = new RouteMeters(ZeroMeters.of(cachedRegistry), "/users/:id", "GET");
    ZeroMeters plain = ZeroMeters.of(plainRegistry);
    // Repeats (cached meters), several codes, another method and out-of-range codes (uncached).
    List<Object[]> calls =
        List.of(
            new Object[] {"GET", 200, 1_500_000L},
            new Object[] {"GET", 200, 2_500_000L},
            new Object[] {"GET", 503, 7_000L},
            new Object[] {"GET", 200, -5L},
            new Object[] {"HEAD", 200, 900_000L},
            new Object[] {"GET", 499, 3_000_000_000L},
            new Object[] {"GET", 600, 10L},
            new Object[] {"GET", 99, 10L},
            new Object[] {"GET", 503, 1_000_000L});
    for (Object[] call : calls) {
      cached.record((String) call[0], (Integer) call[1], (Long) call[2]);
      plain.recordHttpServer("/users/:id", (String) call[0], (Integer) call[1], (Long) call[2]);
    }

    assertThat(snapshot(cachedRegistry)).isEqualTo(snapshot(plainRegistry)).isNotEmpty();
    Counter ok =
        cachedRegistry
            .get(MetricNames.HTTP_SERVER_REQUESTS_CODE_TOTAL)
            .tags("path", "/users/:id", "method", "GET", "code", "200")
            .counter();
    assertThat(ok.count()).isEqualTo(3.0);
  }

  @Test
  void cachedMeters_areTheRegisteredOnes() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RouteMeters meters = new RouteMeters(ZeroMeters.of(registry), "/a", "POST");
    meters.record("POST", 201, 1_000_000);
    int registered = registry.getMeters().size();
    for (int i = 0; i < 10; i++) {
      meters.record("POST", 201, 1_000_000);
    }

    assertThat(registry.getMeters()).hasSize(registered);
    DistributionSummary duration =
        registry
            .get(MetricNames.HTTP_SERVER_REQUESTS_DURATION_MS)
            .tags("path", "/a", "method", "POST", "code", "201")
            .summary();
    assertThat(duration.count()).isEqualTo(11);
    assertThat(duration.totalAmount()).isEqualTo(11.0);
  }
}
