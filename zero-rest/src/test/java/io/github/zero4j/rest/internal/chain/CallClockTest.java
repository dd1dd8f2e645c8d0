package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.BuiltIn;
import io.github.zero4j.rest.Handler;
import io.github.zero4j.rest.HttpMethod;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.Route;
import io.github.zero4j.rest.RouteGroup;
import io.github.zero4j.rest.httpx.Binder;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.github.zero4j.rest.httpx.OkHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallClockTest {
  private static final long START = 1_000_000_000L;
  private static final long HANDLER_NANOS = TimeUnit.MILLISECONDS.toNanos(7);

  private final AtomicLong now = new AtomicLong(START);

  /** How often the server's ticker was read. */
  private final AtomicInteger reads = new AtomicInteger();

  private final CallClock clock =
      new CallClock(
          () -> {
            reads.incrementAndGet();
            return now.get();
          });
  private final StatMetrics stat = StatMetrics.of("call-clock-test");

  /** What the route's breaker read from the clock, a real GoogleBreaker on the call clock. */
  private final List<Long> breakerReadings = new ArrayList<>();

  /** Makes the breaker's clock throw when the request leaves. */
  private boolean failWhenLeaving;

  @AfterEach
  void closeStat() {
    stat.close();
  }

  @Test
  void read_outsideAChain_readsTheTicker() {
    assertThat(clock.read()).isEqualTo(START);
    now.addAndGet(5);
    assertThat(clock.read()).isEqualTo(START + 5);
  }

  @Test
  void breaker_readsTheChainsStartWhenAdmitting_andItsEndWhenTold() {
    List<Long> handlerReadings = new ArrayList<>();
    Pipeline pipeline =
        pipeline(
            r -> {
              now.addAndGet(HANDLER_NANOS);
              // The handler runs between the stages: the clock is the ticker again.
              handlerReadings.add(clock.read());
              return Response.text("ok");
            });

    Response response = pipeline.execute(request(), new TestExchange()).join();

    assertThat(response.status()).isEqualTo(200);
    assertThat(breakerReadings).containsExactly(START, START + HANDLER_NANOS);
    assertThat(handlerReadings).containsExactly(START + HANDLER_NANOS);
    // The chain's start and end, and the handler's own reading: the breaker read no clock.
    assertThat(reads.get()).isEqualTo(3);
    // Nothing stays published once the chain is done.
    now.addAndGet(3);
    assertThat(clock.read()).isEqualTo(START + HANDLER_NANOS + 3);
  }

  @Test
  void aStageThatThrowsWhileLeaving_leavesNothingPublished() {
    failWhenLeaving = true;
    Pipeline pipeline =
        pipeline(
            r -> {
              now.addAndGet(HANDLER_NANOS);
              return Response.text("ok");
            });

    CompletableFuture<Response> response = pipeline.execute(request(), new TestExchange());

    assertThat(response).isCompletedExceptionally();
    assertThat(breakerReadings).containsExactly(START, START + HANDLER_NANOS);
    now.addAndGet(3);
    assertThat(clock.read()).isEqualTo(START + HANDLER_NANOS + 3);
  }

  private Pipeline pipeline(Handler handler) {
    ChainSettings settings =
        new ChainSettings(
            EnumSet.of(BuiltIn.BREAKER, BuiltIn.RECOVER),
            0,
            0,
            Duration.ZERO,
            List.of(),
            new Renderer(
                Binder.defaultObjectMapper(), ErrorHandler.defaults(), OkHandler.identity()),
            Runnable::run,
            clock,
            Tracing.global(),
            Set.of(),
            ZeroMeters.of(new SimpleMeterRegistry()),
            name ->
                Breaker.builder()
                    .name(name)
                    .ticker(
                        () -> {
                          long reading = clock.read();
                          breakerReadings.add(reading);
                          if (failWhenLeaving && breakerReadings.size() == 2) {
                            throw new IllegalStateException("clock failed");
                          }
                          return reading;
                        })
                    .build(),
            Shedder.noop(),
            Shedder.noop(),
            stat,
            null,
            List.of(),
            null);
    Route route =
        RouteGroup.builder()
            .nonBlocking(true)
            .route(HttpMethod.GET, "/clock", handler)
            .build()
            .routes()
            .get(0);
    Pipeline pipeline = Pipeline.forRoute(settings, route);
    // Forget the breaker's reading when it was made.
    breakerReadings.clear();
    reads.set(0);
    return pipeline;
  }

  private static Request request() {
    return Request.builder().method("GET").uri("/clock").route("/clock").build();
  }
}
