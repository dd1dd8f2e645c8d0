package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.httpx.Binder;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.github.zero4j.rest.httpx.OkHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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

  private final CountDownLatch threeSubmitted = new CountDownLatch(3);

  private final Executor recording =
      task -> {
        synchronized (submitted) {
          submitted.add(task);
        }
        threeSubmitted.countDown();
      };

  @AfterEach
  void stopLoop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static Dispatch blocking(Executor executor) {
    Hop handler = new Hop("handler", chain -> Response.text("hello " + chain.request().path()));
    return new Dispatch(new Hop[] {handler}, false, executor, RENDERER);
  }

  private int submittedCount() {
    synchronized (submitted) {
      return submitted.size();
    }
  }

  @Test
  void handOffsOfOneLoopIteration_reachTheExecutorTogetherWhenItEnds() throws Exception {
    Dispatch dispatch = blocking(recording);
    TestExchange exchange = new TestExchange(loop);
    List<CompletableFuture<Response>> responses = new ArrayList<>();

    int seenInsideTheIteration =
        loop.submit(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    responses.add(
                        dispatch.proceed(
                            Request.builder().uri("/r" + i).build(), exchange, Context.root()));
                  }
                  return submittedCount();
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(seenInsideTheIteration).as("nothing submitted during the iteration").isZero();
    assertThat(threeSubmitted.await(10, TimeUnit.SECONDS)).as("all three after it").isTrue();
    assertThat(submittedCount()).isEqualTo(3);
    synchronized (submitted) {
      submitted.forEach(Runnable::run); // as the handler threads would
    }
    for (int i = 0; i < 3; i++) {
      assertThat(responses.get(i).get(10, TimeUnit.SECONDS).bodyString()).isEqualTo("hello /r" + i);
    }
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
