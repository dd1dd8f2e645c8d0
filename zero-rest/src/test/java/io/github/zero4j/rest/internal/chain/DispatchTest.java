package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.httpx.Binder;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.github.zero4j.rest.httpx.OkHandler;
import io.github.zero4j.rest.internal.HandlerExecutor;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-off of blocking routes to the handler executor and back. */
class DispatchTest {
  private static final Renderer RENDERER =
      new Renderer(Binder.defaultObjectMapper(), ErrorHandler.defaults(), OkHandler.identity());

  /** A real I/O event loop (NIO): the kind that runs tail tasks after each iteration. */
  private final MultiThreadIoEventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  private final EventLoop loop = group.next();

  /** Records what it is given; runs it only when told. */
  private final List<Runnable> submitted = new ArrayList<>();

  /** Counts down once per submission: a batch, then the three hand-offs if it fans out. */
  private final CountDownLatch fourSubmitted = new CountDownLatch(4);

  private final CountDownLatch oneSubmitted = new CountDownLatch(1);

  private final AtomicInteger handled = new AtomicInteger();

  private final Executor recording =
      task -> {
        synchronized (submitted) {
          submitted.add(task);
        }
        fourSubmitted.countDown();
        oneSubmitted.countDown();
      };

  @AfterEach
  void stopLoop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private Dispatch blocking(Executor executor) {
    return blocking(executor, Dispatch.FAN_OUT_NANOS);
  }

  private Dispatch blocking(Executor executor, long fanOutNanos) {
    Hop handler =
        new Hop(
            "handler",
            chain -> {
              handled.incrementAndGet();
              return Response.text("hello " + chain.request().path());
            });
    return new Dispatch(new Hop[] {handler}, false, executor, RENDERER, fanOutNanos);
  }

  private Runnable submitted(int index) {
    synchronized (submitted) {
      return submitted.get(index);
    }
  }

  /** Three hand-offs in one iteration of the loop; returns how many were submitted during it. */
  private int threeInOneIteration(
      Dispatch dispatch, TestExchange exchange, List<CompletableFuture<Response>> responses)
      throws Exception {
    return loop.submit(
            () -> {
              for (int i = 0; i < 3; i++) {
                responses.add(
                    dispatch.proceed(
                        Request.builder().uri("/r" + i).build(), exchange, Context.root()));
              }
              return submittedCount();
            })
        .get(10, TimeUnit.SECONDS);
  }

  private int submittedCount() {
    synchronized (submitted) {
      return submitted.size();
    }
  }

  @Test
  void handOffsOfOneLoopIteration_reachTheExecutorAsOneTaskWhenItEnds() throws Exception {
    // A fan-out time this test cannot reach: the batch alone runs the three.
    Dispatch dispatch = blocking(recording, TimeUnit.HOURS.toNanos(1));
    List<CompletableFuture<Response>> responses = new ArrayList<>();

    int seenInsideTheIteration = threeInOneIteration(dispatch, new TestExchange(loop), responses);
    // The batch, run at once as a handler thread would, before its fan-out time.
    assertThat(oneSubmitted.await(10, TimeUnit.SECONDS)).isTrue();
    submitted(0).run();

    assertThat(seenInsideTheIteration).as("nothing submitted during the iteration").isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(responses.get(i).get(10, TimeUnit.SECONDS).bodyString()).isEqualTo("hello /r" + i);
    }
    assertThat(handled).hasValue(3);
    assertThat(submittedCount()).isEqualTo(1);
  }

  @Test
  void aBatchNotStartedInTime_givesEachHandOffATaskOfItsOwn_andEachRunsOnce() throws Exception {
    Dispatch dispatch = blocking(recording, 0);
    List<CompletableFuture<Response>> responses = new ArrayList<>();

    threeInOneIteration(dispatch, new TestExchange(loop), responses);
    // Nobody runs the batch: at its fan-out time the loop submits the three on their own.
    assertThat(fourSubmitted.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 3; i++) {
      submitted(i).run();
    }
    submitted(0).run(); // the batch, late: everything in it is taken

    for (int i = 0; i < 3; i++) {
      assertThat(responses.get(i).get(10, TimeUnit.SECONDS).bodyString()).isEqualTo("hello /r" + i);
    }
    assertThat(handled).hasValue(3);
    assertThat(submittedCount()).isEqualTo(4);
  }

  @Test
  void onVirtualThreads_aBatchStartsAThreadPerHandOff() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (HandlerExecutor virtual = HandlerExecutor.create(true, 1, 0)) {
      assertThat(virtual.virtual()).isTrue();
      Hop handler =
          new Hop(
              "handler",
              chain -> {
                threads.add(Thread.currentThread().toString());
                return Response.text("hello " + chain.request().path());
              });
      Dispatch dispatch = new Dispatch(new Hop[] {handler}, false, virtual, RENDERER);
      List<CompletableFuture<Response>> responses = new ArrayList<>();

      threeInOneIteration(dispatch, new TestExchange(loop), responses);

      for (int i = 0; i < 3; i++) {
        assertThat(responses.get(i).get(10, TimeUnit.SECONDS).bodyString())
            .isEqualTo("hello /r" + i);
      }
    }
    assertThat(threads).hasSize(3);
  }

  @Test
  void aFullPool_answersEveryHandOffOfARejectedBatch503() throws Exception {
    Dispatch dispatch =
        blocking(
            task -> {
              throw new RejectedExecutionException("handler pool full: 1 tasks");
            });
    TestExchange exchange = new TestExchange(loop);
    List<CompletableFuture<Response>> responses = new ArrayList<>();

    threeInOneIteration(dispatch, exchange, responses);

    for (CompletableFuture<Response> response : responses) {
      assertThat(response.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
    }
    assertThat(handled).hasValue(0);
    assertThat(loop.submit(() -> List.copyOf(exchange.notes)).get(10, TimeUnit.SECONDS))
        .containsExactly(
            "handler pool full, rejected with code 503",
            "handler pool full, rejected with code 503",
            "handler pool full, rejected with code 503");
  }

  @Test
  void fullHandlerPool_answers503WithANote() throws Exception {
    Dispatch dispatch =
        blocking(
            task -> {
              throw new RejectedExecutionException("handler pool full: 1 tasks");
            });
    TestExchange exchange = new TestExchange(loop);

    CompletableFuture<Response> response =
        loop.submit(
                () ->
                    dispatch.proceed(
                        Request.builder().uri("/busy").build(), exchange, Context.root()))
            .get(10, TimeUnit.SECONDS);

    assertThat(response.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
    assertThat(exchange.notes).containsExactly("handler pool full, rejected with code 503");
  }

  @Test
  void offAnEventLoop_theHandOffIsSubmittedAtOnce() throws Exception {
    Dispatch dispatch = blocking(recording);

    CompletableFuture<Response> response =
        dispatch.proceed(Request.builder().uri("/now").build(), new TestExchange(), Context.root());

    assertThat(submittedCount()).isEqualTo(1);
    synchronized (submitted) {
      submitted.get(0).run();
    }
    assertThat(response.get(10, TimeUnit.SECONDS).bodyString()).isEqualTo("hello /now");
  }
}
