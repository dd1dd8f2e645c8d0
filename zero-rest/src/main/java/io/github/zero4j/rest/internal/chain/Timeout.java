package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.rest.Deadline;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/*
 * go-zero's rest/handler/timeouthandler.go on an event loop:
 *
 * - The request gets a Deadline (the earlier of its own and now + the route timeout) that the
 *   handler reads from request.deadline() and passes on to clients it calls.
 * - The inner chain runs on its own thread; race() races it against a timer on the connection's
 *   event loop and against the client leaving. Whichever completes the result first wins: the
 *   handler's response; a 503 rendered by the error handler (default body "Request Timeout"); or a
 *   499 (nginx's "client closed request"), which is never written, only logged and counted.
 * - A handler response that arrives after the timer or the client is dropped: its late write is
 *   discarded, as go-zero's timeoutWriter refuses writes after the deadline. The handler thread is
 *   not interrupted (Go cannot stop a goroutine either); it should watch its deadline.
 * - A non-blocking route's inner chain has already finished when it returns: if the deadline
 *   passed meanwhile, its response is replaced by the 503 all the same (check()).
 * - Skipped for Accept: text/event-stream and Upgrade: websocket, as go-zero does.
 *
 * All three completions run on the event loop, so CompletableFuture.complete's first-wins rule is
 * the only synchronization needed.
 */
/**
 * {@link io.github.zero4j.rest.BuiltIn#TIMEOUT}, which {@link Pipeline} runs around the inner
 * chain, inside every stage. Thread-safe (stateless per request). The inner future's {@code
 * whenComplete} stage is not kept: the raced future is what the chain waits on.
 */
@SuppressWarnings("FutureReturnValueIgnored")
final class Timeout {
  private static final int CLIENT_CLOSED = 499;
  private static final String EVENT_STREAM = "text/event-stream";

  private final Duration timeout;
  private final Ticker ticker;
  private final Renderer renderer;

  Timeout(Duration timeout, Ticker ticker, Renderer renderer) {
    this.timeout = timeout;
    this.ticker = ticker;
    this.renderer = renderer;
  }

  /**
   * {@code request} with its deadline, the earlier of its own and the route timeout from {@code
   * now} (a reading of the ticker); or {@code request} itself when it is exempt (an event stream or
   * a websocket upgrade).
   */
  Request applyTo(Request request, long now) {
    if (streaming(request)) {
      return request;
    }
    Deadline own = Deadline.after(timeout, ticker, now);
    Deadline deadline = request.deadline().map(own::earliest).orElse(own);
    return request.toBuilder().deadline(deadline).build();
  }

  /**
   * The response of a non-blocking route, whose inner chain ran to the end on the event loop by
   * {@code now} (a reading of the ticker): the 503 instead when {@code timed}'s deadline passed
   * meanwhile. {@code timed} is what {@link #applyTo} returned; an exempt request has no deadline.
   */
  Response check(Request timed, Exchange exchange, Response response, long now) {
    Deadline deadline = timed.deadline().orElse(null);
    return deadline != null && deadline.isExpiredAt(now) ? timedOut(timed, exchange) : response;
  }

  /**
   * {@code inner}, the response of {@code timed}'s blocking inner chain, raced against the deadline
   * and the client leaving; the result completes on the event loop. {@code timed} is what {@link
   * #applyTo} returned; an exempt request, which has no deadline, is not raced.
   */
  CompletableFuture<Response> race(
      Request timed, Exchange exchange, CompletableFuture<Response> inner) {
    Deadline deadline = timed.deadline().orElse(null);
    if (deadline == null) {
      return inner;
    }
    if (inner.isDone()) {
      return deadline.isExpired()
          ? CompletableFuture.completedFuture(timedOut(timed, exchange))
          : inner;
    }
    CompletableFuture<Response> result = new CompletableFuture<>();
    ScheduledFuture<?> timer =
        exchange
            .eventLoop()
            .schedule(
                () -> {
                  if (!result.isDone()) {
                    result.complete(timedOut(timed, exchange));
                  }
                },
                Math.max(0, deadline.remainingNanos()),
                TimeUnit.NANOSECONDS);
    exchange.onClientGone(
        () -> {
          if (!result.isDone()) {
            exchange.note("client closed the connection, code " + CLIENT_CLOSED);
            result.complete(Response.status(CLIENT_CLOSED));
          }
        });
    inner.whenComplete(
        (response, error) -> {
          timer.cancel(false);
          if (error != null) {
            result.completeExceptionally(error);
          } else {
            result.complete(response);
          }
        });
    return result;
  }

  private Response timedOut(Request request, Exchange exchange) {
    String message = "timeout after " + timeout.toMillis() + "ms, rejected with code 503";
    exchange.note(message);
    return renderer.reject(request, Rejection.TIMEOUT, message);
  }

  private static boolean streaming(Request request) {
    String accept = request.header("Accept").orElse(null);
    if (accept != null && containsIgnoreCase(accept, EVENT_STREAM)) {
      return true;
    }
    return request.header("Upgrade").orElse("").equalsIgnoreCase("websocket");
  }

  /**
   * Whether {@code text} contains the lower-case ASCII {@code part}, ignoring case: what {@code
   * text.toLowerCase(Locale.ROOT).contains(part)} answers, without a copy of the header per
   * request.
   */
  static boolean containsIgnoreCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return true;
      }
    }
    return false;
  }
}
