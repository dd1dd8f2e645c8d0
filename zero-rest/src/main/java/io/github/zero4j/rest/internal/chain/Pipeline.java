package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.rest.BuiltIn;
import io.github.zero4j.rest.Cors;
import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.Route;
import io.github.zero4j.rest.StaticFiles;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/*
 * The chain of one route, assembled once at start-up, in the one order of go-zero's engine
 * (rest/engine.go buildChainWithNativeMiddlewares), outermost first:
 *
 *   BuiltIn.values() in declaration order, each if switched on:
 *     TRACE LOG PROMETHEUS MAX_CONNS BREAKER SHEDDING TIMEOUT   -> event-loop stages
 *     RECOVER METRICS MAX_BYTES GUNZIP                          -> inner hops
 *                                     (a non-blocking route's METRICS: timed by execute())
 *   then the route's JWT check, then the server's use(...) middlewares, then the route group's
 *   middlewares, then the handler                               -> inner hops
 *
 * Stages (Stage) run on the connection's event loop, so the access line, maxconns, and the timeout
 * answer without a thread waiting on the handler. execute() calls every stage's enter() outermost
 * first, then the timeout and Dispatch, which hands the request to the inner hops (Middleware,
 * synchronous, on the handler's thread or the event loop for non-blocking routes), then every
 * stage's leave() innermost first with the response: one Call object per request carries what the
 * stages keep in between, with one reading of the ticker at the start and one at the end (no future
 * and callback per stage, no clock read per stage: while the stages enter, and again while they
 * leave, the reading is published on the CallClock that the server's default breakers and its
 * shedders read). A stage can only come before every hop: Assembly checks it; TIMEOUT is always
 * the innermost event-loop built-in.
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

  /** The clock of a chain that needs no readings. */
  private static final Ticker NO_CLOCK = () -> 0;

  private final Stage[] stages;
  private final Inner inner;
  private final Ticker ticker;

  /** Where the stages' readings are published for the breaker and shedder; null when untimed. */
  private final @Nullable CallClock clock;

  private final long maxBodyBytes;

  private Pipeline(Stage[] stages, Inner inner, @Nullable CallClock clock, long maxBodyBytes) {
    this.stages = stages;
    this.inner = inner;
    this.ticker = tickerOf(clock);
    this.clock = clock;
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
            assembly.stage(builtIn, new AccessLog(settings.requireAccessLines()));
          }
        }
        case PROMETHEUS -> {
          if (on) {
            assembly.stage(
                builtIn, new Prometheus(settings.meters(), route.path(), route.method().name()));
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
            assembly.timeout(new Timeout(timeout, settings.ticker(), settings.renderer()));
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
          if (on && route.nonBlocking()) {
            // On the event loop the chain's own start and end readings time the handler.
            assembly.metrics = settings.stat();
          } else if (on) {
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
    Dispatch dispatch =
        new Dispatch(
            assembly.hops.toArray(new Hop[0]),
            route.nonBlocking(),
            settings.blockingExecutor(),
            settings.renderer());
    return assembly.build(dispatch, settings.clock(), limit);
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
      assembly.stage(BuiltIn.LOG, new AccessLog(settings.requireAccessLines()));
    }
    Renderer renderer = settings.renderer();
    Inner answer =
        call -> {
          Request request = call.request;
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
    return assembly.build(answer, settings.clock(), limit);
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
    Call call = new Call(request, exchange, ticker.read(), Context.current());
    int entered = 0;
    Response answer = null;
    Throwable failure = null;
    CallClock.Reading reading = publish(call.start);
    try {
      for (; entered < stages.length; entered++) {
        answer = stages[entered].enter(call);
        if (answer != null) {
          // This stage answered: it does not leave, the ones outside it do.
          break;
        }
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      unpublish(reading);
    }
    if (answer != null || failure != null) {
      return leave(call, entered, answer, failure);
    }
    CompletableFuture<Response> response;
    try {
      response = inner.run(call);
    } catch (RuntimeException | Error e) {
      return leave(call, entered, null, e);
    }
    if (response.isDone()) {
      // A non-blocking route, a miss, or an answer without the handler: no callback needed.
      Response done;
      try {
        done = response.join();
      } catch (CompletionException | CancellationException e) {
        return leave(call, entered, null, e.getCause() != null ? e.getCause() : e);
      }
      return leave(call, entered, done, null);
    }
    int left = entered;
    return response
        .handle((done, error) -> leave(call, left, done, error))
        .thenCompose(Function.identity());
  }

  /**
   * Runs {@link Stage#leave} of the first {@code entered} stages, innermost first, with {@code
   * response}, or with null after {@code error}. A stage that throws fails the result after the
   * others have left: every stage that entered leaves exactly once.
   */
  private CompletableFuture<Response> leave(
      Call call, int entered, @Nullable Response response, @Nullable Throwable error) {
    if (!call.ended) {
      call.endAt(ticker.read());
    }
    Throwable failure = error;
    Response out = error == null ? response : null;
    CallClock.Reading reading = publish(call.end);
    try {
      for (int i = entered - 1; i >= 0; i--) {
        try {
          out = stages[i].leave(call, out);
        } catch (RuntimeException | Error e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
          out = null;
        }
      }
    } finally {
      unpublish(reading);
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    if (out == null) {
      return CompletableFuture.failedFuture(
          new NullPointerException("a stage left without a response (expected: one)"));
    }
    return CompletableFuture.completedFuture(out);
  }

  /**
   * Lets this thread's reads of the call clock return {@code now} while the stages run; returns the
   * thread's reading for {@link #unpublish}, or null when this chain has no clock.
   */
  private CallClock.@Nullable Reading publish(long now) {
    if (clock == null) {
      return null;
    }
    CallClock.Reading reading = clock.reading();
    reading.publish(now);
    return reading;
  }

  private static void unpublish(CallClock.@Nullable Reading reading) {
    if (reading != null) {
      reading.clear();
    }
  }

  /**
   * The server's ticker under {@code clock}; for an untimed chain (null), one that reads nothing.
   */
  private static Ticker tickerOf(@Nullable CallClock clock) {
    return clock != null ? clock.ticker() : NO_CLOCK;
  }

  /** What runs inside the stages: a route's timeout and inner chain, or a miss's answer. */
  @FunctionalInterface
  private interface Inner {
    CompletableFuture<Response> run(Call call);
  }

  /**
   * A route's inner chain, raced by the route's timeout when it has one. The deadline starts at the
   * chain's start; a non-blocking route's deadline is checked, and its METRICS duration taken, at
   * the chain's end: the ticker is read twice per such request in all (about 20 ns a reading).
   */
  private static Inner route(
      Dispatch dispatch, @Nullable Timeout timeout, @Nullable StatMetrics metrics, Ticker ticker) {
    if (dispatch.nonBlocking()) {
      return call -> {
        Request timed = timeout != null ? timeout.applyTo(call.request, call.start) : call.request;
        Response response = dispatch.runHere(timed, call.exchange, call.context);
        call.endAt(ticker.read());
        if (metrics != null) {
          metrics.add(call.nanos());
        }
        return CompletableFuture.completedFuture(
            timeout != null ? timeout.check(timed, call.exchange, response, call.end) : response);
      };
    }
    if (timeout == null) {
      return call -> dispatch.proceed(call.request, call.exchange, call.context);
    }
    return call -> {
      Request timed = timeout.applyTo(call.request, call.start);
      return timeout.race(
          timed, call.exchange, dispatch.proceed(timed, call.exchange, call.context));
    };
  }

  /** Collects stages and hops, enforcing that every stage comes before every hop. */
  private static final class Assembly {
    final List<Stage> stages = new ArrayList<>();
    final List<Hop> hops = new ArrayList<>();
    @Nullable Timeout timeout;

    /** METRICS of a non-blocking route, timed by the chain itself instead of a hop. */
    @Nullable StatMetrics metrics;

    void stage(BuiltIn builtIn, Stage stage) {
      if (!hops.isEmpty() || timeout != null) {
        throw new IllegalStateException(
            "built-in " + builtIn + " runs on the event loop and must come before " + hops.get(0));
      }
      stages.add(stage);
    }

    void hop(String name, Middleware middleware) {
      hops.add(new Hop(name, middleware));
    }

    void timeout(Timeout timeout) {
      if (!hops.isEmpty()) {
        throw new IllegalStateException(
            "built-in TIMEOUT runs on the event loop and must come before " + hops.get(0));
      }
      this.timeout = timeout;
    }

    /**
     * {@code clock}, or null when no part of the chain uses its two readings (LOG, PROMETHEUS,
     * BREAKER, SHEDDING, TIMEOUT and a non-blocking route's METRICS do): such a chain reads no
     * clock.
     */
    @Nullable CallClock clockIfTimed(CallClock clock) {
      boolean timed = timeout != null || metrics != null;
      for (Stage stage : stages) {
        timed |= stage.timed();
      }
      return timed ? clock : null;
    }

    Pipeline build(Dispatch dispatch, CallClock given, long maxBodyBytes) {
      CallClock clock = clockIfTimed(given);
      return new Pipeline(
          stages.toArray(new Stage[0]),
          route(dispatch, timeout, metrics, tickerOf(clock)),
          clock,
          maxBodyBytes);
    }

    Pipeline build(Inner answer, CallClock given, long maxBodyBytes) {
      return new Pipeline(stages.toArray(new Stage[0]), answer, clockIfTimed(given), maxBodyBytes);
    }
  }
}
