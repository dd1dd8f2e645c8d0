package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.timex.FakeTicker;
import io.github.zero4j.core.trace.Tracing;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RpcServer and RpcClient over real loopback gRPC: the built-in chains end to end. */
class RpcServerIT {
  private static final String LOCAL = "127.0.0.1:0";
  private static final long WAIT_SECONDS = 20;
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  private final Resources resources = new Resources();

  @AfterEach
  void tearDown() {
    resources.close();
  }

  private RpcServer start(
      RpcServerConf conf, TestService service, Consumer<RpcServer.Builder> customize) {
    RpcServer.Builder builder =
        RpcServer.builder(conf).addService(service.definition()).gracePeriod(Duration.ofSeconds(1));
    customize.accept(builder);
    return resources.add(builder.build()).start();
  }

  private RpcServer start(RpcServerConf conf, TestService service) {
    return start(conf, service, builder -> {});
  }

  private RpcClient client(
      RpcServer server, UnaryOperator<RpcClientConf> conf, Consumer<RpcClient.Builder> customize) {
    RpcClientConf base = RpcClientConf.ofEndpoints(List.of("127.0.0.1:" + server.port()));
    RpcClient.Builder builder = RpcClient.builder(conf.apply(base));
    customize.accept(builder);
    return resources.add(builder.build());
  }

  private RpcClient client(RpcServer server) {
    return client(server, conf -> conf, builder -> {});
  }

  private static Status statusOf(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
    return Status.OK;
  }

  private static Duration remainingOnServer(String reply) {
    long nanos = Long.parseLong(reply);
    assertThat(nanos).as("the server saw a deadline").isNotEqualTo(Long.MIN_VALUE);
    return Duration.ofNanos(nanos);
  }

  /** Answers the server-side time left before the call's context deadline, MIN_VALUE if none. */
  private static TestService remainingService() {
    return TestService.create()
        .unary(
            "Remaining",
            request ->
                Long.toString(Deadlines.remaining().map(Duration::toNanos).orElse(Long.MIN_VALUE)))
        .unary(
            "Other",
            request ->
                Long.toString(Deadlines.remaining().map(Duration::toNanos).orElse(Long.MIN_VALUE)));
  }

  private static BreakerRegistry breakersOn(FakeTicker ticker) {
    // A fixed random draw of 0: every call is dropped while the drop ratio is above zero.
    return BreakerRegistry.create(
        name -> Breaker.builder().name(name).ticker(ticker).random(() -> 0L).build());
  }

  private static double count(SimpleMeterRegistry registry, String name, String method, int code) {
    Counter counter =
        registry
            .find(name)
            .tags("method", TestService.fullMethod(method), "code", Integer.toString(code))
            .counter();
    return counter == null ? 0 : counter.count();
  }

  // ---- recover ----

  @Test
  void recover_turnsAThrownRuntimeExceptionIntoInternal() {
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL),
            TestService.create()
                .unary(
                    "Throw",
                    request -> {
                      throw new IllegalStateException("boom " + request);
                    }));
    RpcClient client = client(server);

    Status status = statusOf(() -> TestService.call(client.channel(), "Throw", "x"));

    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription()).isEqualTo("panic: java.lang.IllegalStateException: boom x");
  }

  @Test
  void recoverSwitchedOff_leavesGrpcJavasUnknown() {
    RpcServerConf conf =
        RpcServerConf.of(LOCAL)
            .withMiddlewares(RpcServerConf.MiddlewaresConf.ofDefaults().withRecover(false));
    RpcServer server =
        start(
            conf,
            TestService.create()
                .unary(
                    "Throw",
                    request -> {
                      throw new IllegalStateException("boom");
                    }));

    Status status = statusOf(() -> TestService.call(client(server).channel(), "Throw", "x"));

    assertThat(status.getCode()).isEqualTo(Status.Code.UNKNOWN);
  }

  @Test
  void handlerThrowingAStatus_endsWithThatStatus() {
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL),
            TestService.create()
                .unary(
                    "Find",
                    request -> {
                      throw Status.NOT_FOUND.withDescription("no " + request).asRuntimeException();
                    }));

    Status status = statusOf(() -> TestService.call(client(server).channel(), "Find", "user 7"));

    assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(status.getDescription()).isEqualTo("no user 7");
  }

  // ---- deadlines and timeouts ----

  @Test
  void callerDeadline_reachesTheServer_noLongerThanItWas() {
    RpcServer server = start(RpcServerConf.of(LOCAL), remainingService());
    RpcClient client = client(server);

    String reply =
        Deadlines.call(
            Duration.ofMillis(300), () -> TestService.call(client.channel(), "Remaining", ""));

    assertThat(remainingOnServer(reply)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void clientTimeout_appliesWhenTheCallerHasNoDeadline() {
    RpcServer server =
        start(RpcServerConf.of(LOCAL).withTimeout(Duration.ZERO), remainingService());
    RpcClient client =
        client(server, conf -> conf.withTimeout(Duration.ofMillis(250)), builder -> {});

    String reply = TestService.call(client.channel(), "Remaining", "");

    assertThat(remainingOnServer(reply)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void serverTimeout_narrowsALongerIncomingDeadline() {
    RpcServer server =
        start(RpcServerConf.of(LOCAL).withTimeout(Duration.ofMillis(150)), remainingService());
    RpcClient client = client(server, conf -> conf.withTimeout(Duration.ofSeconds(10)), b -> {});

    String reply = TestService.call(client.channel(), "Remaining", "");

    assertThat(remainingOnServer(reply)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void methodTimeout_replacesTheServerTimeout_forItsMethodOnly() {
    RpcServerConf conf =
        RpcServerConf.of(LOCAL)
            .withTimeout(Duration.ofSeconds(30))
            .withMethodTimeouts(
                List.of(
                    new RpcServerConf.MethodTimeoutConf(
                        TestService.fullMethod("Remaining"), Duration.ofMillis(120))));
    RpcServer server = start(conf, remainingService());
    RpcClient client = client(server, c -> c.withTimeout(Duration.ZERO), b -> {});

    Duration narrowed = remainingOnServer(TestService.call(client.channel(), "Remaining", ""));
    Duration other = remainingOnServer(TestService.call(client.channel(), "Other", ""));

    assertThat(narrowed).isPositive().isLessThanOrEqualTo(Duration.ofMillis(120));
    assertThat(other)
        .isGreaterThan(Duration.ofMillis(120))
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void noTimeoutAnywhere_leavesTheServerWithoutDeadline() {
    RpcServer server =
        start(RpcServerConf.of(LOCAL).withTimeout(Duration.ZERO), remainingService());
    RpcClient client = client(server, conf -> conf.withTimeout(Duration.ZERO), builder -> {});

    String reply = TestService.call(client.channel(), "Remaining", "");

    assertThat(Long.parseLong(reply)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void serverTimeout_endsASlowCallWithDeadlineExceeded_cancelsItsContext_dropsTheLateReply()
      throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch replied = new CountDownLatch(1);
    AtomicReference<Throwable> lateReplyError = new AtomicReference<>();
    TestService service =
        TestService.create()
            .raw(
                "Slow",
                (request, responses) -> {
                  Context.current().addListener(context -> cancelled.countDown(), Runnable::run);
                  try {
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    responses.onNext("late");
                    responses.onCompleted();
                  } catch (Throwable t) {
                    lateReplyError.set(t);
                  } finally {
                    replied.countDown();
                  }
                });
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL).withTimeout(Duration.ofMillis(100)),
            service,
            builder -> builder.meterRegistry(meters));
    RpcClient client = client(server, conf -> conf.withTimeout(Duration.ofSeconds(10)), b -> {});

    Status status = statusOf(() -> TestService.call(client.channel(), "Slow", ""));

    assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(status.getDescription()).isEqualTo("context deadline exceeded");
    assertThat(cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    assertThat(replied.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(lateReplyError.get()).isNull();
    assertThat(count(meters, "rpc_server_requests_code_total", "Slow", 4)).isEqualTo(1);
    assertThat(count(meters, "rpc_server_requests_code_total", "Slow", 0)).isZero();
  }

  // ---- breakers ----

  @Test
  void clientBreaker_opensOnAnUnavailableStorm_andRecovers() {
    FakeTicker ticker = new FakeTicker();
    AtomicInteger served = new AtomicInteger();
    AtomicReference<Status> answer = new AtomicReference<>(Status.UNAVAILABLE);
    TestService service =
        TestService.create()
            .unary(
                "Call",
                request -> {
                  served.incrementAndGet();
                  Status status = requireNonNull(answer.get(), "answer");
                  if (!status.isOk()) {
                    throw status.withDescription("storm").asRuntimeException();
                  }
                  return "ok";
                });
    RpcServerConf serverConf =
        RpcServerConf.of(LOCAL)
            .withMiddlewares(RpcServerConf.MiddlewaresConf.ofDefaults().withBreaker(false));
    RpcServer server = start(serverConf, service);
    RpcClient client =
        client(server, conf -> conf, builder -> builder.breakerRegistry(breakersOn(ticker)));

    int calls = 30;
    List<StatusRuntimeException> failures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      try {
        TestService.call(client.channel(), "Call", "x");
      } catch (StatusRuntimeException e) {
        failures.add(e);
      }
    }

    assertThat(failures).hasSize(calls);
    assertThat(failures)
        .allSatisfy(e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    long dropped =
        failures.stream().filter(e -> e.getCause() instanceof BreakerOpenException).count();
    assertThat(dropped).isPositive();
    assertThat(served.get()).isEqualTo(calls - dropped);
    StatusRuntimeException last = failures.get(calls - 1);
    assertThat(last.getStatus().getDescription()).isEqualTo("circuit breaker is open");
    assertThat(last.getCause())
        .isInstanceOfSatisfying(
            BreakerOpenException.class,
            open ->
                assertThat(open.breakerName())
                    .isEqualTo(client.target() + "/" + TestService.NAME + "/Call"));

    answer.set(Status.OK);
    int servedBefore = served.get();
    assertThat(statusOf(() -> TestService.call(client.channel(), "Call", "x")).getCode())
        .as("still open while no time passes")
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(served.get()).isEqualTo(servedBefore);

    ticker.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 10; i++) {
      assertThat(TestService.call(client.channel(), "Call", "x")).isEqualTo("ok");
    }
  }

  @Test
  void serverBreaker_perMethod_opensOnAnUnavailableStorm_andRecovers() {
    FakeTicker ticker = new FakeTicker();
    AtomicInteger served = new AtomicInteger();
    AtomicReference<Status> answer = new AtomicReference<>(Status.UNAVAILABLE);
    TestService service =
        TestService.create()
            .unary(
                "Call",
                request -> {
                  served.incrementAndGet();
                  Status status = requireNonNull(answer.get(), "answer");
                  if (!status.isOk()) {
                    throw status.withDescription("storm").asRuntimeException();
                  }
                  return "ok";
                })
            .unary("Healthy", request -> "fine");
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL),
            service,
            builder -> builder.breakerRegistry(breakersOn(ticker)));
    RpcClient client =
        client(
            server,
            conf ->
                conf.withMiddlewares(RpcClientConf.MiddlewaresConf.ofDefaults().withBreaker(false)),
            builder -> {});

    int calls = 30;
    List<Status> statuses = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      statuses.add(statusOf(() -> TestService.call(client.channel(), "Call", "x")));
    }

    assertThat(statuses)
        .allSatisfy(s -> assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    long rejected =
        statuses.stream().filter(s -> "circuit breaker is open".equals(s.getDescription())).count();
    assertThat(rejected).isPositive();
    assertThat(served.get()).isEqualTo(calls - rejected);
    assertThat(TestService.call(client.channel(), "Healthy", "x"))
        .as("other methods unaffected")
        .isEqualTo("fine");

    answer.set(Status.OK);
    ticker.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 10; i++) {
      assertThat(TestService.call(client.channel(), "Call", "x")).isEqualTo("ok");
    }
  }

  @Test
  void clientTimeouts_countAsClientBreakerFailures_becauseTheBreakerWrapsTheTimeout() {
    FakeTicker ticker = new FakeTicker();
    CountDownLatch never = new CountDownLatch(1);
    TestService service =
        TestService.create()
            .unary(
                "Hang",
                request -> {
                  try {
                    never.await(WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "late";
                });
    RpcServerConf serverConf =
        RpcServerConf.of(LOCAL)
            .withTimeout(Duration.ZERO)
            .withMiddlewares(RpcServerConf.MiddlewaresConf.ofDefaults().withBreaker(false));
    RpcServer server = start(serverConf, service);
    RpcClient client =
        client(
            server,
            conf -> conf.withTimeout(Duration.ofMillis(30)),
            builder -> builder.breakerRegistry(breakersOn(ticker)));

    List<Status> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      statuses.add(statusOf(() -> TestService.call(client.channel(), "Hang", "x")));
    }
    never.countDown();

    assertThat(statuses.get(0).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(statuses.get(9).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(statuses.get(9).getDescription()).isEqualTo("circuit breaker is open");
  }

  // ---- shedding ----

  @Test
  void shedding_answersResourceExhausted_whenTheCpuIsOverTheThresholdAndCallsPileUp()
      throws Exception {
    int flying = 20;
    CountDownLatch entered = new CountDownLatch(flying);
    CountDownLatch release = new CountDownLatch(1);
    TestService service =
        TestService.create()
            .unary(
                "Block",
                request -> {
                  entered.countDown();
                  try {
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "done";
                })
            .unary("Ping", request -> "pong");
    RpcServerConf conf =
        RpcServerConf.of(LOCAL)
            .withTimeout(Duration.ofSeconds(WAIT_SECONDS))
            .withMiddlewares(RpcServerConf.MiddlewaresConf.ofDefaults().withBreaker(false));
    RpcServer server =
        start(conf, service, builder -> builder.cpuUsage(() -> 1000).maxPlatformThreads(64));
    RpcClient client =
        client(
            server,
            c ->
                c.withTimeout(Duration.ofSeconds(WAIT_SECONDS))
                    .withMiddlewares(RpcClientConf.MiddlewaresConf.ofDefaults().withBreaker(false)),
            b -> {});
    List<CompletableFuture<String>> blocked = new ArrayList<>();
    try {
      for (int i = 0; i < flying; i++) {
        blocked.add(async(client, "Block"));
      }
      assertThat(entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

      // Admitted: nothing has completed yet, so the average in-flight count is still 0. Its
      // completion, with 20 calls in flight, lifts that average over the overloaded limit.
      assertThat(TestService.call(client.channel(), "Ping", "")).isEqualTo("pong");
      Status shed = statusOf(() -> TestService.call(client.channel(), "Ping", ""));

      assertThat(shed.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(shed.getDescription()).isEqualTo("service overloaded");
    } finally {
      release.countDown();
    }
    for (CompletableFuture<String> call : blocked) {
      assertThat(call.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("done");
    }
  }

  @Test
  void cpuThresholdZero_switchesSheddingOff() throws Exception {
    int flying = 20;
    CountDownLatch entered = new CountDownLatch(flying);
    CountDownLatch release = new CountDownLatch(1);
    TestService service =
        TestService.create()
            .unary(
                "Block",
                request -> {
                  entered.countDown();
                  try {
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "done";
                })
            .unary("Ping", request -> "pong");
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL).withCpuThreshold(0).withTimeout(Duration.ZERO),
            service,
            builder -> builder.cpuUsage(() -> 1000).maxPlatformThreads(64));
    RpcClient client = client(server, c -> c.withTimeout(Duration.ZERO), b -> {});
    List<CompletableFuture<String>> blocked = new ArrayList<>();
    try {
      for (int i = 0; i < flying; i++) {
        blocked.add(async(client, "Block"));
      }
      assertThat(entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 5; i++) {
        assertThat(TestService.call(client.channel(), "Ping", "")).isEqualTo("pong");
      }
    } finally {
      release.countDown();
    }
    for (CompletableFuture<String> call : blocked) {
      assertThat(call.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("done");
    }
  }

  private static CompletableFuture<String> async(RpcClient client, String method) {
    CompletableFuture<String> future = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        client.channel().newCall(TestService.method(method), CallOptions.DEFAULT),
        "",
        new StreamObserver<>() {
          @Override
          public void onNext(String value) {
            future.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            future.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    return future;
  }

  // ---- health and graceful stop ----

  @Test
  void health_servingAfterStart_notServingOnDrain() throws Exception {
    RpcServer server = start(RpcServerConf.of(LOCAL), TestService.create().unary("Echo", r -> r));
    RpcClient client = client(server);
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(client.channel());

    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(
            health
                .check(HealthCheckRequest.newBuilder().setService(TestService.NAME).build())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);

    BlockingQueue<ServingStatus> watched = new LinkedBlockingQueue<>();
    Context.CancellableContext watch = Context.current().withCancellation();
    watch.run(
        () ->
            HealthGrpc.newStub(client.channel())
                .watch(
                    HealthCheckRequest.getDefaultInstance(),
                    new StreamObserver<HealthCheckResponse>() {
                      @Override
                      public void onNext(HealthCheckResponse value) {
                        watched.add(value.getStatus());
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    }));
    assertThat(watched.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

    Thread closing = new Thread(server::close, "closing");
    closing.start();
    assertThat(watched.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
    watch.cancel(null);
    closing.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(closing.isAlive()).isFalse();
  }

  @Test
  void close_letsACallInFlightFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestService service =
        TestService.create()
            .unary(
                "Block",
                request -> {
                  entered.countDown();
                  try {
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "finished";
                });
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL),
            service,
            builder -> builder.gracePeriod(Duration.ofSeconds(WAIT_SECONDS)));
    RpcClient client = client(server, c -> c.withTimeout(Duration.ZERO), b -> {});
    CompletableFuture<String> inFlight = async(client, "Block");
    assertThat(entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    Thread closing = new Thread(server::close, "closing");
    closing.start();
    assertThat(inFlight).isNotDone();
    release.countDown();

    assertThat(inFlight.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("finished");
    closing.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(closing.isAlive()).isFalse();
  }

  @Test
  void close_cancelsCallsThatOutliveTheGracePeriod() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    TestService service =
        TestService.create()
            .unary(
                "Hang",
                request -> {
                  entered.countDown();
                  try {
                    new CountDownLatch(1).await(WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                  }
                  return "never";
                });
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL).withTimeout(Duration.ZERO),
            service,
            builder -> builder.gracePeriod(Duration.ofMillis(100)));
    RpcClient client = client(server, c -> c.withTimeout(Duration.ZERO), b -> {});
    CompletableFuture<String> inFlight = async(client, "Hang");
    assertThat(entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    server.close();

    assertThatThrownBy(() -> inFlight.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StatusRuntimeException.class);
    assertThat(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void close_beforeStart_releasesEverything_andAwaitTerminationReturns() throws Exception {
    RpcServer server =
        RpcServer.builder(RpcServerConf.of(LOCAL))
            .addService(TestService.create().unary("Echo", r -> r).definition())
            .build();

    server.close();
    server.awaitTermination();

    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  // ---- metrics, tracing, metadata, user interceptors ----

  @Test
  void metrics_areRecordedUnderGoZerosNames_onBothSides() {
    SimpleMeterRegistry serverMeters = new SimpleMeterRegistry();
    SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
    TestService service =
        TestService.create()
            .unary("Echo", request -> request)
            .unary(
                "Missing",
                request -> {
                  throw Status.NOT_FOUND.asRuntimeException();
                });
    RpcServer server =
        start(RpcServerConf.of(LOCAL), service, builder -> builder.meterRegistry(serverMeters));
    RpcClient client = client(server, conf -> conf, builder -> builder.meterRegistry(clientMeters));

    TestService.call(client.channel(), "Echo", "a");
    TestService.call(client.channel(), "Echo", "b");
    statusOf(() -> TestService.call(client.channel(), "Missing", "c"));

    for (String side : new String[] {"server", "client"}) {
      SimpleMeterRegistry meters = side.equals("server") ? serverMeters : clientMeters;
      String codes = "rpc_" + side + "_requests_code_total";
      assertThat(count(meters, codes, "Echo", 0)).as(codes).isEqualTo(2);
      assertThat(count(meters, codes, "Missing", 5)).as(codes).isEqualTo(1);
      DistributionSummary duration =
          meters
              .find("rpc_" + side + "_requests_duration_ms")
              .tag("method", TestService.fullMethod("Echo"))
              .summary();
      assertThat(duration)
          .as(side + " duration")
          .isNotNull()
          .extracting(DistributionSummary::count)
          .isEqualTo(2L);
    }
  }

  @Test
  @SuppressWarnings("try") // the caller's scope is only opened and closed
  void traceId_propagatesFromTheCallerThroughTheClientToTheServer() {
    Tracing tracing =
        Tracing.of(
            OpenTelemetry.propagating(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
    AtomicReference<String> traceparent = new AtomicReference<>("");
    ServerInterceptor headers =
        new ServerInterceptor() {
          @Override
          public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
              ServerCall<ReqT, RespT> call,
              Metadata metadata,
              ServerCallHandler<ReqT, RespT> next) {
            String value =
                metadata.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER));
            traceparent.set(value == null ? "" : value);
            return next.startCall(call, metadata);
          }
        };
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL),
            TestService.create().unary("Trace", request -> Tracing.traceId()),
            builder -> builder.tracing(tracing).interceptor(headers));
    RpcClient client = client(server, conf -> conf, builder -> builder.tracing(tracing));
    SpanContext caller =
        SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());

    String seen;
    try (Scope ignored =
        io.opentelemetry.context.Context.root().with(Span.wrap(caller)).makeCurrent()) {
      seen = TestService.call(client.channel(), "Trace", "");
    }

    assertThat(seen).isEqualTo(TRACE_ID);
    assertThat(traceparent.get()).startsWith("00-" + TRACE_ID + "-");
  }

  @Test
  void appAndToken_areSentAsMetadata() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ServerInterceptor capture =
        new ServerInterceptor() {
          @Override
          public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
              ServerCall<ReqT, RespT> call,
              Metadata metadata,
              ServerCallHandler<ReqT, RespT> next) {
            seen.add(metadata.get(Metadata.Key.of("app", Metadata.ASCII_STRING_MARSHALLER)));
            seen.add(metadata.get(Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER)));
            return next.startCall(call, metadata);
          }
        };
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL),
            TestService.create().unary("Echo", r -> r),
            builder -> builder.interceptor(capture));
    RpcClient client = client(server, conf -> conf.withAppToken("mall", "s3cret"), builder -> {});

    TestService.call(client.channel(), "Echo", "x");

    assertThat(seen).containsExactly("mall", "s3cret");
  }

  @Test
  void userInterceptors_runInsideTheBuiltIns_inTheOrderAdded() {
    List<String> order = new CopyOnWriteArrayList<>();
    AtomicReference<@Nullable Duration> deadlineSeen = new AtomicReference<>();
    RpcServer server =
        start(
            RpcServerConf.of(LOCAL).withTimeout(Duration.ofSeconds(7)),
            TestService.create().unary("Echo", r -> r),
            builder ->
                builder
                    .interceptor(recording("first", order, deadlineSeen))
                    .unaryInterceptor(recording("second", order, null))
                    .streamInterceptor(recording("stream-only", order, null)));
    RpcClient client = client(server, conf -> conf.withTimeout(Duration.ZERO), builder -> {});

    TestService.call(client.channel(), "Echo", "x");

    assertThat(order).containsExactly("first", "second");
    assertThat(deadlineSeen.get())
        .as("the timeout interceptor ran before the user's")
        .isNotNull()
        .isLessThanOrEqualTo(Duration.ofSeconds(7));
  }

  private static ServerInterceptor recording(
      String name, List<String> order, @Nullable AtomicReference<@Nullable Duration> deadline) {
    return new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
          ServerCall<ReqT, RespT> call, Metadata metadata, ServerCallHandler<ReqT, RespT> next) {
        order.add(name);
        if (deadline != null) {
          deadline.set(Deadlines.remaining().orElse(null));
        }
        return next.startCall(call, metadata);
      }
    };
  }
}
