package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.rest.BuiltIn;
import io.github.zero4j.rest.Cors;
import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.Route;
import io.github.zero4j.rest.StaticFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/*
 * The chain of one route, assembled once at start-up, in the one order of go-zero's engine
 * (rest/engine.go buildChainWithNativeMiddlewares), outermost first:
 *
 *   BuiltIn.values() in declaration order, each if switched on:
 *     TRACE LOG PROMETHEUS MAX_CONNS BREAKER SHEDDING TIMEOUT   -> event-loop stages
 *     RECOVER METRICS MAX_BYTES GUNZIP                          -> inner hops
 *   then the route's JWT check, then the server's use(...) middlewares, then the route group's
 *   middlewares, then the handler                               -> inner hops
 *
 * Stages (Stage) run on the connection's event loop and are asynchronous, so the access line,
 * maxconns, and the timeout answer without a thread waiting on the handler. Dispatch hands the
 * request to the inner hops (Middleware, synchronous, on the handler's thread or the event loop for
 * non-blocking routes). A stage can only come before every hop: assemble() checks it.
 *
 * TRACE, PROMETHEUS, BREAKER and SHEDDING wrap zero-core's Tracing, ZeroMeters, Breaker and
 * AdaptiveShedder; METRICS feeds the server's StatMetrics. A route pattern in the trace ignore
 * paths gets no TRACE stage; a server with shedding off (CPU threshold 0) has a no-op shedder and
 * gets no SHEDDING stage.
 *
 * In front of all of it, when configured: CORS (answers every OPTIONS 204), then the static file
 * servers, both stages.
 *
 * Immutable once built; execute() is called on the connection's event loop.
 */
/** A route's assembled chain, or the chain of requests that match no route. */
public final class Pipeline {
  /** The largest body an array can hold on common JVMs: the cap when maxBytes is off. */
  public static final long HARD_MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  /** go-zero's breakerSeparator (rest/engine.go): breakers are named {@code METHOD://path}. */
  private static final String BREAKER_SEPARATOR = "://";

  private final Next head;
  private final long maxBodyBytes;

  private Pipeline(Next head, long maxBodyBytes) {
    this.head = head;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The chain of {@code route}. */
  public static Pipeline forRoute(ChainSettings settings, Route route) {
    Duration timeout = route.timeout().orElse(settings.timeout());
    long maxBytes = route.maxBytes().orElse(settings.maxBytes());
    long limit =
        settings.enabled(BuiltIn.MAX_BYTES) && maxBytes > 0
            ? Math.min(maxBytes, HARD_MAX_BODY_BYTES)
            : HARD_MAX_BODY_BYTES;
    Assembly assembly = front(settings);
    for (BuiltIn builtIn : BuiltIn.values()) {
      boolean on = settings.enabled(builtIn);
      switch (builtIn) {
        case TRACE -> {
          if (on && !settings.traceIgnorePaths().contains(route.path())) {
            assembly.stage(builtIn, new Trace(settings.tracing(), route.path()));
          }
        }
        case LOG -> {
          if (on) {
            assembly.stage(
                builtIn, new AccessLog(settings.ticker(), settings.requireAccessLines()));
          }
        }
        case PROMETHEUS -> {
          if (on) {
            assembly.stage(
                builtIn,
                new Prometheus(
                    settings.meters(), settings.ticker(), route.path(), route.method().name()));
          }
        }
        case BREAKER -> {
          if (on) {
            Breaker breaker =
                settings.breakers().apply(route.method().name() + BREAKER_SEPARATOR + route.path());
            assembly.stage(
                builtIn, new RouteBreaker(breaker, settings.stat(), settings.renderer()));
          }
        }
        case SHEDDING -> {
          Shedder shedder = route.priority() ? settings.priorityShedder() : settings.shedder();
          if (on && shedder != Shedder.noop()) {
            assembly.stage(builtIn, new Shedding(shedder, settings.stat(), settings.renderer()));
          }
        }
        case MAX_CONNS -> {
          if (on && settings.maxConns() > 0) {
            assembly.stage(builtIn, new MaxConns(settings.maxConns(), settings.renderer()));
          }
        }
        case TIMEOUT -> {
          if (on && !timeout.isZero()) {
            assembly.stage(builtIn, new Timeout(timeout, settings.ticker(), settings.renderer()));
          }
        }
        case RECOVER -> {
          if (on) {
            assembly.hop("built-in RECOVER", new Recover());
          }
        }
        // Always present: with the switch off it still guards the array-size cap.
        case MAX_BYTES -> assembly.hop("built-in MAX_BYTES", new MaxBytes(limit));
        case GUNZIP -> {
          if (on) {
            assembly.hop("built-in GUNZIP", new Gunzip(limit));
          }
        }
        case METRICS -> {
          if (on) {
            assembly.hop("built-in METRICS", new Metrics(settings.stat(), settings.ticker()));
          }
        }
      }
    }
    route.jwt().ifPresent(jwt -> assembly.hop("JWT check of " + route, jwt));
    List<Middleware> uses = settings.uses();
    for (int i = 0; i < uses.size(); i++) {
      assembly.hop(Hop.describe("use() middleware #" + (i + 1), uses.get(i)), uses.get(i));
    }
    List<Middleware> own = route.middlewares();
    for (int i = 0; i < own.size(); i++) {
      assembly.hop(Hop.describe("middleware #" + (i + 1) + " of " + route, own.get(i)), own.get(i));
    }
    assembly.hop("handler of " + route, chain -> route.handler().handle(chain.request()));
    Next dispatch =
        new Dispatch(
            assembly.hops.toArray(new Hop[0]),
            route.nonBlocking(),
            settings.blockingExecutor(),
            settings.renderer());
    return new Pipeline(assembly.link(dispatch), limit);
  }

  /**
   * The chain of requests no route matches: go-zero runs its trace and log handlers around the
   * not-found answer, so this one has the TRACE and LOG built-ins that are on, then answers {@code
   * rejection} through the error handler.
   */
  public static Pipeline forMiss(ChainSettings settings, Rejection rejection) {
    Assembly assembly = front(settings);
    if (settings.enabled(BuiltIn.TRACE)) {
      assembly.stage(BuiltIn.TRACE, new Trace(settings.tracing(), ""));
    }
    if (settings.enabled(BuiltIn.LOG)) {
      assembly.stage(BuiltIn.LOG, new AccessLog(settings.ticker(), settings.requireAccessLines()));
    }
    Renderer renderer = settings.renderer();
    Next answer =
        (request, exchange) -> {
          String message =
              rejection == Rejection.METHOD_NOT_ALLOWED
                  ? request.method() + " not allowed on " + request.path()
                  : "no route for " + request.method() + " " + request.path();
          return CompletableFuture.completedFuture(
              renderer.render(Response.error(new RejectedException(rejection, message)), request));
        };
    long limit =
        settings.enabled(BuiltIn.MAX_BYTES) && settings.maxBytes() > 0
            ? Math.min(settings.maxBytes(), HARD_MAX_BODY_BYTES)
            : HARD_MAX_BODY_BYTES;
    return new Pipeline(assembly.link(answer), limit);
  }

  /** CORS, then the file servers: go-zero wraps its router in them, outside every built-in. */
  private static Assembly front(ChainSettings settings) {
    Assembly assembly = new Assembly();
    Cors cors = settings.cors();
    if (cors != null) {
      assembly.stages.add(new CorsStage(cors));
    }
    for (StaticFiles files : settings.staticFiles()) {
      assembly.stages.add(new StaticStage(files));
    }
    return assembly;
  }

  /** The body limit the transport enforces while reading this route's requests. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Runs the chain on the connection's event loop. The future completes on the event loop with a
   * rendered response; it completes exceptionally only on a bug in a stage.
   */
  public CompletableFuture<Response> execute(Request request, Exchange exchange) {
    try {
      return head.proceed(request, exchange);
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Collects stages and hops, enforcing that every stage comes before every hop. */
  private static final class Assembly {
    final List<Stage> stages = new ArrayList<>();
    final List<Hop> hops = new ArrayList<>();

    void stage(BuiltIn builtIn, Stage stage) {
      if (!hops.isEmpty()) {
        throw new IllegalStateException(
            "built-in " + builtIn + " runs on the event loop and must come before " + hops.get(0));
      }
      stages.add(stage);
    }

    void hop(String name, Middleware middleware) {
      hops.add(new Hop(name, middleware));
    }

    Next link(Next last) {
      Next next = last;
      for (int i = stages.size() - 1; i >= 0; i--) {
        Stage stage = stages.get(i);
        Next inner = next;
        next = (request, exchange) -> stage.handle(request, exchange, inner);
      }
      return next;
    }
  }
}
