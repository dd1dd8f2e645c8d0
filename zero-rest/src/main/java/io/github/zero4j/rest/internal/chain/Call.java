package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Request;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request on its way through a route's event-loop stages: what the stages share, and what each
 * keeps between its {@link Stage#enter} and its {@link Stage#leave}. One object per request instead
 * of a future and a callback per stage.
 *
 * <p>Confined to the connection's event loop.
 */
final class Call {
  final Request request;
  final Exchange exchange;

  /** The ticker's reading when the chain started: every stage's duration starts here. */
  final long start;

  /** The ticker's reading when the response was known; set before the first {@code leave}. */
  long end;

  /** Whether {@link #end} is set. */
  boolean ended;

  /**
   * The request's context: the caller's when the chain started, then the one the TRACE stage made
   * with the request's span. The access line reads it, and the inner chain runs with it current.
   */
  Context context;

  /** The TRACE stage's span, when one was started. */
  @Nullable Span span;

  /** The headers the TRACE stage echoes in the response, as names and values, if any. */
  @Nullable List<String> echoed;

  /** The BREAKER stage's promise, while the request is in flight. */
  io.github.zero4j.core.breaker.@Nullable Promise breakerPromise;

  /** The SHEDDING stage's promise, while the request is in flight. */
  io.github.zero4j.core.load.@Nullable Promise shedderPromise;

  Call(Request request, Exchange exchange, long start, Context context) {
    this.request = request;
    this.exchange = exchange;
    this.start = start;
    this.context = context;
  }

  /** Sets {@link #end} to {@code now}, a reading of the ticker. */
  void endAt(long now) {
    end = now;
    ended = true;
  }

  /** Nanoseconds from the start of the chain to its response. */
  long nanos() {
    return end - start;
  }
}
