package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off between the event-loop stages and the inner chain: a blocking route's inner chain
 * runs on the handler executor (virtual threads on JDK 21+) and its response hops back to the event
 * loop; a non-blocking route's runs right here on the event loop.
 *
 * <p>An exception that escapes the inner chain (only when {@link
 * io.github.zero4j.rest.BuiltIn#RECOVER} is off) is logged and answered with a bare 500, and the
 * connection is closed after it, much as Go's server aborts the connection on an unrecovered panic.
 */
final class Dispatch {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.zero4j.rest.RestServer");
  private static final int INTERNAL_ERROR = 500;

  private final Hop[] hops;
  private final boolean nonBlocking;
  private final Executor executor;
  private final Renderer renderer;

  Dispatch(Hop[] hops, boolean nonBlocking, Executor executor, Renderer renderer) {
    this.hops = hops;
    this.nonBlocking = nonBlocking;
    this.executor = executor;
    this.renderer = renderer;
  }

  /** Whether the inner chain runs on the event loop ({@link #runHere}). */
  boolean nonBlocking() {
    return nonBlocking;
  }

  /**
   * Runs the inner chain of {@code request} on the calling thread, with {@code context} current: a
   * non-blocking route's, on the event loop.
   */
  Response runHere(Request request, Exchange exchange, Context context) {
    if (context == Context.current()) {
      return run(request, exchange);
    }
    try (Scope ignored = context.makeCurrent()) {
      return run(request, exchange);
    }
  }

  /**
   * Runs the inner chain where the route says, with {@code context} (the request's span) current:
   * here for a non-blocking route, else on the handler executor. The future completes on the event
   * loop.
   */
  CompletableFuture<Response> proceed(Request request, Exchange exchange, Context context) {
    if (nonBlocking) {
      return CompletableFuture.completedFuture(runHere(request, exchange, context));
    }
    HandOff handOff = new HandOff(request, exchange, context);
    if (exchange.eventLoop() instanceof SingleThreadIoEventLoop loop && loop.inEventLoop()) {
      AfterIteration.submit(loop, handOff);
    } else {
      handOff.submit();
    }
    return handOff.result;
  }

  /**
   * One blocking request on its way to the handler executor and its response on the way back: run
   * on the executor, it runs the inner chain and completes {@link #result} on the event loop.
   */
  private final class HandOff implements Runnable {
    final Request request;
    final Exchange exchange;
    final Context context;
    final CompletableFuture<Response> result = new CompletableFuture<>();

    HandOff(Request request, Exchange exchange, Context context) {
      this.request = request;
      this.exchange = exchange;
      this.context = context;
    }

    /** Gives the request to the executor, or answers 503 at once when the pool is full. */
    void submit() {
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        String message = "handler pool full, rejected with code 503";
        exchange.note(message);
        result.complete(renderer.reject(request, Rejection.SERVER_BUSY, message));
      }
    }

    @Override
    public void run() {
      Response response;
      try (Scope ignored = context.makeCurrent()) {
        response = Dispatch.this.run(request, exchange);
      }
      try {
        exchange.eventLoop().execute(() -> result.complete(response));
      } catch (RejectedExecutionException e) {
        // The event loop is shutting down: the connection is gone with it.
        LOG.debug("response to {} dropped: event loop shut down", request, e);
      }
    }
  }

  /**
   * The hand-offs an event loop collected during its current iteration, submitted when the
   * iteration ends ({@link SingleThreadEventLoop#executeAfterEventLoopIteration}; the I/O event
   * loops run such tail tasks after every iteration, Netty's plain {@code DefaultEventLoop} does
   * not, so other loops submit at once). Submitting each at once woke a handler thread per request
   * while the event loop still had requests to read, and on a busy core the two then took turns
   * request by request; submitted together, one wake-up starts a thread that finds the whole batch
   * (blocking routes: 6-10 % more requests/s on one core). A request waits at most for the rest of
   * the iteration's reads. Confined to its event loop.
   */
  private static final class AfterIteration implements Runnable {
    private static final FastThreadLocal<AfterIteration> OF_LOOP =
        new FastThreadLocal<>() {
          @Override
          protected AfterIteration initialValue() {
            return new AfterIteration();
          }
        };

    private final ArrayDeque<HandOff> handOffs = new ArrayDeque<>();
    private boolean scheduled;

    /** Submits {@code handOff} when {@code loop}'s current iteration ends; on the loop only. */
    static void submit(SingleThreadEventLoop loop, HandOff handOff) {
      AfterIteration pending = OF_LOOP.get();
      pending.handOffs.add(handOff);
      if (!pending.scheduled) {
        pending.scheduled = true;
        try {
          loop.executeAfterEventLoopIteration(pending);
        } catch (RejectedExecutionException shuttingDown) {
          // The loop takes no more tasks: submit what is pending now rather than never.
          pending.run();
        }
      }
    }

    @Override
    public void run() {
      scheduled = false;
      for (HandOff handOff = handOffs.poll(); handOff != null; handOff = handOffs.poll()) {
        handOff.submit();
      }
    }
  }

  private Response run(Request request, Exchange exchange) {
    try {
      return new RealChain(hops, 0, request, exchange, renderer).proceed(request);
    } catch (RestException e) {
      return renderer.render(Response.error(e), request);
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.error(
          "[HTTP] {} {} - unrecovered {} (RECOVER is off): answering 500 and closing the"
              + " connection",
          request.method(),
          request.uri(),
          e.toString(),
          e);
      exchange.closeAfterResponse();
      return Response.status(INTERNAL_ERROR);
    }
  }
}
