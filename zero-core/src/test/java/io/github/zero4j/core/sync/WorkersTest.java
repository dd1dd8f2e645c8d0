package io.github.zero4j.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkersTest {

  @Test
  void virtualThreadsAvailable_exactlyOnJdk21AndLater() {
    boolean disabled =
        "false".equalsIgnoreCase(System.getProperty(Workers.VIRTUAL_THREADS_PROPERTY));

    assertThat(Workers.virtualThreadsAvailable())
        .isEqualTo(Runtime.version().feature() >= 21 && !disabled);
  }

  @Test
  void threadFactory_namesThreadsWithPrefixAndCounter() {
    ThreadFactory factory = Workers.threadFactory("workers-test-");

    assertThat(factory.newThread(() -> {}).getName()).isEqualTo("workers-test-0");
    assertThat(factory.newThread(() -> {}).getName()).isEqualTo("workers-test-1");
  }

  @Test
  void threadFactory_makesVirtualThreadsWhenAvailable() throws Exception {
    Thread thread = Workers.threadFactory("workers-test-").newThread(() -> {});

    assertThat(isVirtual(thread)).isEqualTo(Workers.virtualThreadsAvailable());
    if (!Workers.virtualThreadsAvailable()) {
      assertThat(thread.isDaemon()).isTrue();
    }
  }

  @Test
  void platformThreadFactory_makesDaemonPlatformThreads() throws Exception {
    Thread thread = Workers.platformThreadFactory("workers-platform-").newThread(() -> {});

    assertThat(isVirtual(thread)).isFalse();
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("workers-platform-0");
  }

  @Test
  void newExecutor_runsTasksOnNamedWorkers() throws Exception {
    ExecutorService executor = Workers.newExecutor("workers-exec-", 2);
    try {
      AtomicReference<Thread> ran = new AtomicReference<>();
      executor.submit(() -> ran.set(Thread.currentThread())).get(10, TimeUnit.SECONDS);

      Thread worker = java.util.Objects.requireNonNull(ran.get());
      assertThat(worker.getName()).startsWith("workers-exec-");
      assertThat(isVirtual(worker)).isEqualTo(Workers.virtualThreadsAvailable());
      if (!Workers.virtualThreadsAvailable()) {
        assertThat(((ThreadPoolExecutor) executor).getMaximumPoolSize()).isEqualTo(2);
      }
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void newExecutor_rejectsNonPositiveThreadCount() {
    assertThatThrownBy(() -> Workers.newExecutor("x-", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPlatformThreads: 0 (expected: >= 1)");
  }

  /** {@code Thread.isVirtual()} exists from JDK 21 on; on older JDKs nothing is virtual. */
  static boolean isVirtual(Thread thread) throws Exception {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }
}
