package io.github.zero4j.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
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
}
