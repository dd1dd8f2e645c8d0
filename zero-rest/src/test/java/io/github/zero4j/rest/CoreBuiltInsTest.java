package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.trace.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** TRACE, PROMETHEUS, BREAKER, SHEDDING and METRICS over real HTTP. */
class CoreBuiltInsTest {
  /** Safety net for latches: a hung test fails instead of hanging, never a synchronisation. */
  private static final long SAFETY_SECONDS = 20;

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(SAFETY_SECONDS, TimeUnit.SECONDS)).as("latch").isTrue();
  }

  private static StatMetrics quietStat() {
    return StatMetrics.builder("test").interval(Duration.ofHours(1)).build();
  }

  // ---- TRACE -----------------------------------------------------------------------------------

  @Test
  void traceparent_isContinuedInTheHandlerAndEchoed() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (LogCapture access = LogCapture.of("io.github.zero4j.rest.access", Level.INFO);
        TestServer server =
            TestServer.start(
                b ->
                    b.route(
                        HttpMethod.GET,
                        "/users/:id",
                        r -> {
                          seen.add(Tracing.traceId());
                          return Response.text("ok");
                        }))) {
      HttpResponse<String> response =
          server.send(server.request("/users/7").header("traceparent", TRACEPARENT).GET().build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(seen).containsExactly(TRACE_ID);
      assertThat(response.headers().firstValue("traceparent"))
          .hasValueSatisfying(value -> assertThat(value).startsWith("00-" + TRACE_ID + "-"));
      assertThat(
              access
                  .await(e -> e.getFormattedMessage().contains("GET /users/7"))
                  .getFormattedMessage())
          .contains("trace=" + TRACE_ID)
          .contains("span=");
    }
  }

  @Test
  void withoutTraceparent_orWithTraceOff_noTraceHeaderIsInvented() throws Exception {
    try (TestServer server =
        TestServer.start(
            b -> b.disable(BuiltIn.TRACE).route(HttpMethod.GET, "/a", r -> Response.text("ok")))) {
      HttpResponse<String> response =
          server.send(server.request("/a").header("traceparent", TRACEPARENT).GET().build());
      assertThat(response.headers().firstValue("traceparent")).isEmpty();
    }
  }

  @Test
  void traceIgnorePaths_skipTheRoutePattern() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (TestServer server =
        TestServer.start(
            b ->
                b.traceIgnorePaths("/users/:id")
                    .route(
                        HttpMethod.GET,
                        "/users/:id",
                        r -> {
                          seen.add(Tracing.traceId());
                          return Response.text("ok");
                        }))) {
      HttpResponse<String> response =
          server.send(server.request("/users/7").header("traceparent", TRACEPARENT).GET().build());
      assertThat(response.headers().firstValue("traceparent")).isEmpty();
      assertThat(seen).containsExactly("");
    }
  }

  // ---- PROMETHEUS ------------------------------------------------------------------------------

  @Test
  void prometheus_recordsGoZeroNamesWithRoutePatternMethodAndCode() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TestServer server =
        TestServer.start(
            b ->
                b.meterRegistry(registry)
                    .route(
                        HttpMethod.GET,
                        "/users/:id",
                        r ->
                            r.pathParam("id").equals("0")
                                ? Response.status(404)
                                : Response.text("ok")))) {
      server.get("/users/7");
      server.get("/users/8");
      server.get("/users/0");

      DistributionSummary ok =
          registry
              .get("http_server_requests_duration_ms")
              .tags("path", "/users/:id", "method", "GET", "code", "200")
              .summary();
      assertThat(ok.count()).isEqualTo(2);
      Counter notFound =
          registry
              .get("http_server_requests_code_total")
              .tags("path", "/users/:id", "method", "GET", "code", "404")
              .counter();
      assertThat(notFound.count()).isEqualTo(1.0);
    }
  }

  // ---- BREAKER ---------------------------------------------------------------------------------

  @Test
  void breaker_opensAfterAStormOf500s_andAnswers503WithEmptyBody() {
    List<String> names = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    StatMetrics stat = quietStat();
    try (TestServer server =
        TestServer.start(
            b ->
                b.statMetrics(stat)
                    .breakerFactory(
                        name -> {
                          names.add(name);
                          return Breaker.of(name);
                        })
                    .route(
                        HttpMethod.GET,
                        "/fail",
                        r -> {
                          calls.incrementAndGet();
                          return Response.status(500);
                        }))) {
      List<Integer> statuses = new ArrayList<>();
      // go-zero's protection is 5 and k 1.5: after ~100 failures nearly every call is dropped.
      for (int i = 0; i < 200 && !statuses.contains(503); i++) {
        HttpResponse<String> response = server.get("/fail");
        statuses.add(response.statusCode());
        if (response.statusCode() == 503) {
          assertThat(response.body()).isEmpty();
        }
      }
      assertThat(names).containsExactly("GET:///fail");
      assertThat(statuses).contains(503).contains(500);
      assertThat(calls.get()).isLessThan(statuses.size());
      assertThat(stat.report().drops()).isPositive();
    }
  }

  @Test
  void breaker_acceptsBelow500_soClientErrorsNeverOpenIt() {
    try (TestServer server =
        TestServer.start(b -> b.route(HttpMethod.GET, "/bad", r -> Response.status(400)))) {
      for (int i = 0; i < 100; i++) {
        assertThat(server.get("/bad").statusCode()).isEqualTo(400);
      }
    }
  }

  // ---- SHEDDING --------------------------------------------------------------------------------

  @Test
  void shedding_dropsWith503UnderForcedCpu_whileRequestsAreInFlight() throws Exception {
    int inFlight = 10;
    CountDownLatch entered = new CountDownLatch(inFlight);
    CountDownLatch release = new CountDownLatch(1);
    StatMetrics stat = quietStat();
    try (TestServer server =
        TestServer.start(
            b ->
                b.cpuUsage(() -> 1000)
                    .statMetrics(stat)
                    .route(
                        HttpMethod.GET,
                        "/slow",
                        r -> {
                          entered.countDown();
                          await(release);
                          return Response.text("slow");
                        })
                    .route(HttpMethod.GET, "/fast", r -> Response.text("fast")))) {
      List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
      for (int i = 0; i < inFlight; i++) {
        slow.add(
            server.client.sendAsync(
                server.request("/slow").GET().build(), HttpResponse.BodyHandlers.ofString()));
      }
      await(entered);
      List<Integer> statuses = new ArrayList<>();
      // Each completion moves the shedder's average of requests in flight towards 10.
      for (int i = 0; i < 50 && !statuses.contains(503); i++) {
        HttpResponse<String> response = server.get("/fast");
        statuses.add(response.statusCode());
        if (response.statusCode() == 503) {
          assertThat(response.body()).isEmpty();
        }
      }
      release.countDown();
      assertThat(statuses).startsWith(200).contains(503);
      for (CompletableFuture<HttpResponse<String>> response : slow) {
        assertThat(response.get(SAFETY_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(stat.report().drops()).isPositive();
    }
  }

  @Test
  void shedding_priorityRoutes_useTheHigherThreshold() throws Exception {
    int inFlight = 10;
    CountDownLatch entered = new CountDownLatch(2 * inFlight);
    CountDownLatch release = new CountDownLatch(1);
    Handler slow =
        r -> {
          entered.countDown();
          await(release);
          return Response.text("slow");
        };
    // 920 is over the normal threshold 900, under the priority one (900 + 1000) / 2 = 950. Each
    // shedder (normal, priority) gets the same load in flight.
    try (TestServer server =
        TestServer.start(
            b ->
                b.cpuUsage(() -> 920)
                    .group(
                        RouteGroup.builder()
                            .priority(true)
                            .route(HttpMethod.GET, "/vip/slow", slow)
                            .route(HttpMethod.GET, "/vip/fast", r -> Response.text("vip"))
                            .build())
                    .route(HttpMethod.GET, "/slow", slow)
                    .route(HttpMethod.GET, "/fast", r -> Response.text("fast")))) {
      List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
      for (int i = 0; i < inFlight; i++) {
        for (String path : new String[] {"/slow", "/vip/slow"}) {
          pending.add(
              server.client.sendAsync(
                  server.request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
      }
      await(entered);
      List<Integer> ordinary = new ArrayList<>();
      for (int i = 0; i < 50 && !ordinary.contains(503); i++) {
        ordinary.add(server.get("/fast").statusCode());
      }
      for (int i = 0; i < 50; i++) {
        assertThat(server.get("/vip/fast").statusCode()).isEqualTo(200);
      }
      release.countDown();
      assertThat(ordinary).contains(503);
      for (CompletableFuture<HttpResponse<String>> response : pending) {
        assertThat(response.get(SAFETY_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void shedding_offWithCpuThresholdZero() throws Exception {
    int inFlight = 10;
    CountDownLatch entered = new CountDownLatch(inFlight);
    CountDownLatch release = new CountDownLatch(1);
    try (TestServer server =
        TestServer.start(
            b ->
                b.cpuUsage(() -> 1000)
                    .cpuThreshold(0)
                    .route(
                        HttpMethod.GET,
                        "/slow",
                        r -> {
                          entered.countDown();
                          await(release);
                          return Response.text("slow");
                        })
                    .route(HttpMethod.GET, "/fast", r -> Response.text("fast")))) {
      List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
      for (int i = 0; i < inFlight; i++) {
        slow.add(
            server.client.sendAsync(
                server.request("/slow").GET().build(), HttpResponse.BodyHandlers.ofString()));
      }
      await(entered);
      for (int i = 0; i < 20; i++) {
        assertThat(server.get("/fast").statusCode()).isEqualTo(200);
      }
      release.countDown();
      for (CompletableFuture<HttpResponse<String>> response : slow) {
        assertThat(response.get(SAFETY_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
  }

  // ---- METRICS ---------------------------------------------------------------------------------

  @Test
  void metrics_feedsTheStatLine() {
    StatMetrics stat = quietStat();
    try (TestServer server =
        TestServer.start(
            b -> b.statMetrics(stat).route(HttpMethod.GET, "/a", r -> Response.text("ok")))) {
      server.get("/a");
      server.get("/a");
      server.get("/a");
      assertThat(stat.report().requests()).isEqualTo(3);
    }
  }

  @Test
  void metrics_nonBlockingRoutes_feedTheStatLineToo() {
    StatMetrics stat = quietStat();
    try (TestServer server =
        TestServer.start(
            b ->
                b.statMetrics(stat)
                    .group(
                        RouteGroup.builder()
                            .nonBlocking(true)
                            .route(HttpMethod.GET, "/a", r -> Response.text("ok"))
                            .route(
                                HttpMethod.GET,
                                "/boom",
                                r -> {
                                  throw new IllegalStateException("boom");
                                })
                            .build()))) {
      assertThat(server.get("/a").statusCode()).isEqualTo(200);
      assertThat(server.get("/a").statusCode()).isEqualTo(200);
      assertThat(server.get("/boom").statusCode()).isEqualTo(500);
      assertThat(stat.report().requests()).isEqualTo(3);
    }
  }
}
