package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.rest.BuiltIn;
import io.github.zero4j.rest.Middleware;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

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
 * @param ticker the clock of deadlines and durations
 */
public record ChainSettings(
    Set<BuiltIn> builtIns,
    int maxConns,
    long maxBytes,
    Duration timeout,
    List<Middleware> uses,
    Renderer renderer,
    Executor blockingExecutor,
    Ticker ticker) {

  /** Copies the collections. */
  public ChainSettings {
    Set<BuiltIn> copy = EnumSet.noneOf(BuiltIn.class);
    copy.addAll(builtIns);
    builtIns = Collections.unmodifiableSet(copy);
    uses = List.copyOf(uses);
  }

  boolean enabled(BuiltIn builtIn) {
    return builtIns.contains(builtIn);
  }
}
