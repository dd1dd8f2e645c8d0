package io.github.zero4j.benchmarks.rest;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.load.AdaptiveShedder;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.BuiltIn;
import io.github.zero4j.rest.Headers;
import io.github.zero4j.rest.HttpMethod;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.Route;
import io.github.zero4j.rest.RouteGroup;
import io.github.zero4j.rest.httpx.Binder;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.github.zero4j.rest.httpx.OkHandler;
import io.github.zero4j.rest.internal.chain.AccessLines;
import io.github.zero4j.rest.internal.chain.CallClock;
import io.github.zero4j.rest.internal.chain.ChainSettings;
import io.github.zero4j.rest.internal.chain.Exchange;
import io.github.zero4j.rest.internal.chain.Pipeline;
import io.github.zero4j.rest.internal.chain.Renderer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What zero-rest's chain costs one request, without the network: the pipeline of a non-blocking
 * {@code GET /plaintext} route as {@code RestServer} assembles it, run on the benchmark thread,
 * with every built-in on ({@code all}) and with every one off ({@code none}, which leaves the inner
 * hop that guards the body size and the handler). The difference is what the built-ins add to each
 * request before the transport's own costs; {@code scripts/bench.sh rest} measures the whole
 * server. Run it with the REST suite's Logback configuration, as below, so that access lines are
 * queued and written to a file by the writer thread (on the other core: only what the event loop
 * does for a line is measured here; the writer's share is in the {@code rest} suite). At this rate,
 * about a million lines a second, the writer falls behind and a full queue makes the benchmark
 * thread log lines itself, so {@code all} is noisy; {@code all-but-LOG} is the chain.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ChainBenchmark -prof gc \
 *   -jvmArgs "-Dlogback.configurationFile=logback-rest-direct.xml -DaccessLog=/tmp/chain-access.log"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChainBenchmark {
  private static final String HELLO = "Hello, World!";

  /** {@code all}, {@code none}, or {@code all-but-LOG} (and so on): which built-ins are on. */
  @Param({"all", "all-but-LOG", "none"})
  public String builtIns;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private ScheduledExecutorService loop;

  private @Nullable AccessLines accessLines;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private StatMetrics stat;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private Pipeline pipeline;

  @SuppressWarnings("NullAway.Init") // set in @Setup
  private Request request;

  @Setup(Level.Trial)
  public void setUp() {
    Set<BuiltIn> on = EnumSet.noneOf(BuiltIn.class);
    if (builtIns.startsWith("all")) {
      on.addAll(EnumSet.allOf(BuiltIn.class));
    }
    if (builtIns.startsWith("all-but-")) {
      on.remove(BuiltIn.valueOf(builtIns.substring("all-but-".length())));
    }
    loop = Executors.newSingleThreadScheduledExecutor();
    accessLines = on.contains(BuiltIn.LOG) ? AccessLines.start() : null;
    stat = StatMetrics.of("chain-benchmark");
    // As RestServer builds them: the breakers and the shedder read the chain's readings.
    CallClock clock = new CallClock(Ticker.system());
    Shedder shedder =
        AdaptiveShedder.builder().name("chain-benchmark").ticker(clock).cpuUsage(() -> 0).build();
    ChainSettings settings =
        new ChainSettings(
            on,
            10_000,
            1 << 20,
            Duration.ofSeconds(3),
            List.of(),
            new Renderer(
                Binder.defaultObjectMapper(), ErrorHandler.defaults(), OkHandler.identity()),
            Runnable::run,
            clock,
            Tracing.global(),
            Set.of(),
            ZeroMeters.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
            name -> Breaker.builder().name(name).ticker(clock).build(),
            shedder,
            shedder,
            stat,
            null,
            List.of(),
            accessLines);
    Route route =
        RouteGroup.builder()
            .nonBlocking(true)
            .route(HttpMethod.GET, "/plaintext", ignored -> Response.text(HELLO))
            .build()
            .routes()
            .get(0);
    pipeline = Pipeline.forRoute(settings, route);
    request =
        Request.builder()
            .method("GET")
            .uri("/plaintext")
            .headers(
                Headers.builder()
                    .add("Host", "127.0.0.1:8080")
                    .add("User-Agent", "wrk")
                    .add("Accept", "*/*")
                    .build())
            .remoteAddress("127.0.0.1:50000")
            .route("/plaintext")
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    AccessLines lines = accessLines;
    if (lines != null) {
      lines.close();
    }
    stat.close();
    loop.shutdownNow();
  }

  /** One request through the route's whole chain, answered on this thread. */
  @Benchmark
  public Response chain() {
    return pipeline.execute(request, new BenchExchange(loop)).join();
  }

  /** The exchange of one request, without a connection behind it. */
  private static final class BenchExchange implements Exchange {
    private final ScheduledExecutorService loop;
    private List<String> notes = List.of();

    BenchExchange(ScheduledExecutorService loop) {
      this.loop = loop;
    }

    @Override
    public ScheduledExecutorService eventLoop() {
      return loop;
    }

    @Override
    public void onClientGone(Runnable callback) {}

    @Override
    public boolean bodyTooLarge() {
      return false;
    }

    @Override
    public void closeAfterResponse() {}

    @Override
    public void note(String message) {
      List<String> next = new ArrayList<>(notes);
      next.add(message);
      notes = next;
    }

    @Override
    public List<String> notes() {
      return notes;
    }
  }
}
