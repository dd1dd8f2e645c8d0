package io.github.zero4j.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandlerExecutorTest {
  private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

  private static boolean isVirtual(Thread thread) throws Exception {
    return VIRTUAL_THREADS && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }

  @Test
  void preferVirtual_usesVirtualThreadsExactlyWhenTheJvmHasThem() throws Exception {
    try (HandlerExecutor executor = HandlerExecutor.create(true, 2, 2)) {
      assertThat(executor.virtual()).isEqualTo(VIRTUAL_THREADS);
      CompletableFuture<Thread> ran = new CompletableFuture<>();
      executor.execute(() -> ran.complete(Thread.currentThread()));
      Thread thread = ran.get(20, TimeUnit.SECONDS);
      assertThat(thread.getName()).startsWith("zero4j-rest-handler-");
      assertThat(isVirtual(thread)).isEqualTo(VIRTUAL_THREADS);
    }
  }

  @Test
  void platformPool_isBoundedAndRejectsWhenFull() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (HandlerExecutor executor = HandlerExecutor.create(false, 1, 1)) {
      assertThat(executor.virtual()).isFalse();
      assertThat(executor.toString()).isEqualTo("platform pool of 1 threads");
      executor.execute(
          () -> {
            busy.countDown();
            try {
              release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertThat(busy.await(20, TimeUnit.SECONDS)).isTrue();
      executor.execute(() -> {});
      assertThatThrownBy(() -> executor.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class);
    } finally {
      release.countDown();
    }
  }

  @Test
  void platformPool_runsAsManyBlockingHandlersAtOnceAsItHasThreads() throws Exception {
    int threads = 4;
    CountDownLatch allRunning = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> names = ConcurrentHashMap.newKeySet();
    try (HandlerExecutor executor = HandlerExecutor.create(false, threads, 0)) {
      for (int i = 0; i < threads; i++) {
        executor.execute(
            () -> {
              names.add(Thread.currentThread().getName());
              allRunning.countDown();
              try {
                release.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      // Each handler blocks until all of them run: only a pool with a thread per handler gets here.
      assertThat(allRunning.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(names).hasSize(threads).allMatch(name -> name.startsWith("zero4j-rest-handler-"));
      assertThatThrownBy(() -> executor.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessage("handler pool full: 4 tasks accepted and not finished");
      release.countDown();
      // Room again once a handler finishes.
      CompletableFuture<Boolean> later = new CompletableFuture<>();
      for (int attempt = 0; !later.isDone(); attempt++) {
        try {
          executor.execute(() -> later.complete(true));
        } catch (RejectedExecutionException e) {
          assertThat(attempt).isLessThan(1_000_000);
          Thread.onSpinWait();
        }
      }
      assertThat(later.get(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      release.countDown();
    }
  }

  @Test
  void close_interruptsHandlersStillRunning() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    HandlerExecutor executor = HandlerExecutor.create(false, 2, 2);
    executor.execute(
        () -> {
          busy.countDown();
          try {
            new CountDownLatch(1).await(20, TimeUnit.SECONDS);
            interrupted.complete(false);
          } catch (InterruptedException e) {
            interrupted.complete(true);
          }
        });
    assertThat(busy.await(20, TimeUnit.SECONDS)).isTrue();
    executor.close();
    assertThat(interrupted.get(20, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
