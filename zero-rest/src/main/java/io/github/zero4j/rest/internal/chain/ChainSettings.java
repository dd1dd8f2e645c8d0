package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.BuiltIn;
import io.github.zero4j.rest.Cors;
import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.StaticFiles;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the server gives every route's chain.
 *
 * @param builtIns the built-ins switched on
 * @param maxConns requests in flight per route; 0 turns the limit off
 * @param maxBytes the server's body limit; 0 turns it off
 * @param timeout the server's route timeout; zero turns it off
 * @param uses the {@code use(...)} middlewares, outermost first
 * @param renderer renders JSON and error responses
 * @param blockingExecutor runs blocking routes' inner chains
 * @param clock the server's ticker (the clock of deadlines and durations), and the clock the
 *     breakers and shedders read when they should share the chain's readings
 * @param tracing starts the TRACE built-in's spans
 * @param traceIgnorePaths route patterns the TRACE built-in skips
 * @param meters records the PROMETHEUS built-in's metrics
 * @param breakers the breaker of each route, by name {@code METHOD://path}
 * @param shedder the SHEDDING built-in's shedder of ordinary routes
 * @param priorityShedder the SHEDDING built-in's shedder of priority routes
 * @param stat the server's per-minute stat line (METRICS, and drops of BREAKER and SHEDDING)
 * @param cors the CORS policy in front of everything, or null for none
 * @param staticFiles the file servers in front of the routes
 * @param accessLines formats and logs the LOG built-in's lines off the event loop; null when LOG is
 *     off
 */
public record ChainSettings(
    Set<BuiltIn> builtIns,
    int maxConns,
    long maxBytes,
    Duration timeout,
    List<Middleware> uses,
    Renderer renderer,
    Executor blockingExecutor,
    CallClock clock,
    Tracing tracing,
    Set<String> traceIgnorePaths,
    ZeroMeters meters,
    Function<String, Breaker> breakers,
    Shedder shedder,
    Shedder priorityShedder,
    StatMetrics stat,
    @Nullable Cors cors,
    List<StaticFiles> staticFiles,
    @Nullable AccessLines accessLines) {

  /** Copies the collections. */
  public ChainSettings {
    Set<BuiltIn> copy = EnumSet.noneOf(BuiltIn.class);
    copy.addAll(builtIns);
    builtIns = Collections.unmodifiableSet(copy);
    uses = List.copyOf(uses);
    traceIgnorePaths = Set.copyOf(traceIgnorePaths);
    staticFiles = List.copyOf(staticFiles);
  }

  /** The server's ticker: the clock of deadlines and durations. */
  public Ticker ticker() {
    return clock.ticker();
  }

  /** The access-line writer, which a server with LOG on has. */
  AccessLines requireAccessLines() {
    if (accessLines == null) {
      throw new IllegalStateException("built-in LOG is on but the server gave no AccessLines");
    }
    return accessLines;
  }

  boolean enabled(BuiltIn builtIn) {
    return builtIns.contains(builtIn);
  }
}
