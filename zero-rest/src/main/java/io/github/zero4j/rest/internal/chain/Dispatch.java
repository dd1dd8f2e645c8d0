package io.github.zero4j.rest.internal.chain;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;
import io.github.zero4j.rest.internal.HandlerExecutor;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
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

  /**
   * How long the hand-offs of one event-loop iteration may wait, one after the other on one
   * platform thread, before each one left gets a thread of its own (see {@link Batch}).
   */
  static final long FAN_OUT_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

  private final Hop[] hops;
  private final boolean nonBlocking;
  private final Executor executor;
  private final boolean virtual;
  private final Renderer renderer;
  private final long fanOutNanos;

  Dispatch(Hop[] hops, boolean nonBlocking, Executor executor, Renderer renderer) {
    this(hops, nonBlocking, executor, renderer, FAN_OUT_NANOS);
  }

  /** With another fan-out time than {@link #FAN_OUT_NANOS}: for tests. */
  Dispatch(
      Hop[] hops, boolean nonBlocking, Executor executor, Renderer renderer, long fanOutNanos) {
    this.hops = hops;
    this.nonBlocking = nonBlocking;
    this.executor = executor;
    this.virtual = executor instanceof HandlerExecutor handlers && handlers.virtual();
    this.renderer = renderer;
    this.fanOutNanos = fanOutNanos;
  }

  /** Whether the inner chain runs on the event loop ({@link #runHere}). */
  boolean nonBlocking() {
    return nonBlocking;
  }

  /**
   * Runs the inner chain of {@code request} on the calling thread, with {@code context} current:
   * the event loop for a non-blocking route, a handler thread for a hand-off.
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

    Dispatch dispatch() {
      return Dispatch.this;
    }

    /** Gives the request to the executor, or answers 503 when the pool is full. */
    void submit() {
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        reject();
      }
    }

    /** Answers 503 on the event loop (a batch may submit from a handler thread). */
    private void reject() {
      if (exchange.eventLoop() instanceof EventExecutor loop && !loop.inEventLoop()) {
        try {
          loop.execute(this::reject);
        } catch (RejectedExecutionException shuttingDown) {
          LOG.debug("503 to {} dropped: event loop shut down", request, shuttingDown);
        }
        return;
      }
      String message = "handler pool full, rejected with code 503";
      exchange.note(message);
      result.complete(renderer.reject(request, Rejection.SERVER_BUSY, message));
    }

    @Override
    public void run() {
      Response response = runHere(request, exchange, context);
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
   * request by request. Submitted together, as one {@link Batch} when there are several, one
   * wake-up starts a thread that finds the whole batch. A request waits at most for the rest of the
   * iteration's reads. Confined to its event loop.
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

    private @Nullable SingleThreadEventLoop loop;

    /** Submits {@code handOff} when {@code loop}'s current iteration ends; on the loop only. */
    static void submit(SingleThreadEventLoop loop, HandOff handOff) {
      AfterIteration pending = OF_LOOP.get();
      pending.loop = loop;
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
      SingleThreadEventLoop on = loop;
      if (handOffs.size() > 1 && on != null && sameDispatchExecutor()) {
        HandOff[] batch = handOffs.toArray(new HandOff[0]);
        handOffs.clear();
        new Batch(batch).submit(on);
        return;
      }
      for (HandOff handOff = handOffs.poll(); handOff != null; handOff = handOffs.poll()) {
        handOff.submit();
      }
    }

    /** Whether every pending hand-off goes to the same executor (the server's, normally). */
    private boolean sameDispatchExecutor() {
      Executor executor = requireNonNull(handOffs.peek()).dispatch().executor;
      for (HandOff handOff : handOffs) {
        if (handOff.dispatch().executor != executor) {
          return false;
        }
      }
      return true;
    }
  }

  /*
   * Why batches. On a core shared by the event loop and the handler threads, the thread that
   * execute() wakes preempts the event loop at once (the scheduler favours a thread that slept), so
   * with one execute() per request the woken thread found one request, answered it, slept again, and
   * the two took turns request by request: about one context switch per request, a third of a
   * blocking route's cost on one core. Given as one task, the requests of an iteration wake one
   * thread that finds them all (one switch per batch: 68-70k -> 85-91k requests/s here).
   */
  /**
   * The hand-offs of one event-loop iteration, given to the executor as one task.
   *
   * <p>On virtual threads that task starts the hand-offs' own virtual threads: each request still
   * has a thread of its own, and the carrier runs them as soon as the starter ends.
   *
   * <p>On the platform pool one thread runs them one after the other, which is the fastest way for
   * short handlers but would make a request wait behind a slow one; so {@link #FAN_OUT_NANOS} after
   * the batch was submitted, the event loop gives each hand-off not yet started a thread of its own
   * (a request waits at most that long behind the others of its batch). Each hand-off is claimed
   * once, by the runner or by the fan-out. The pool's bound on accepted tasks counts a batch as one
   * task until it fans out; a batch the pool rejects fans out at once, so each of its requests gets
   * its own 503 or its own thread.
   */
  private static final class Batch implements Runnable {
    private final HandOff[] handOffs;
    private final Dispatch dispatch;
    private final AtomicInteger next = new AtomicInteger();

    Batch(HandOff[] handOffs) {
      this.handOffs = handOffs;
      this.dispatch = handOffs[0].dispatch();
    }

    /** Gives the batch to the executor; on the event loop. */
    @SuppressWarnings("FutureReturnValueIgnored") // nothing to cancel: a late fan-out finds none
    void submit(SingleThreadEventLoop loop) {
      try {
        dispatch.executor.execute(this);
      } catch (RejectedExecutionException e) {
        // Each hand-off asks on its own; those the pool still takes run, the others get a 503.
        fanOut();
        return;
      }
      if (!dispatch.virtual) {
        loop.schedule(this::fanOut, dispatch.fanOutNanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public void run() {
      if (dispatch.virtual) {
        for (HandOff handOff : handOffs) {
          handOff.submit();
        }
        return;
      }
      for (int i = next.getAndIncrement(); i < handOffs.length; i = next.getAndIncrement()) {
        handOffs[i].run();
      }
    }

    /** Submits every hand-off not yet started on its own; on the event loop. */
    void fanOut() {
      for (int i = next.getAndIncrement(); i < handOffs.length; i = next.getAndIncrement()) {
        handOffs[i].submit();
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
