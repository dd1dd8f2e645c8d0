package io.github.zero4j.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Jackson buffer recyclers per platform thread, shared between virtual threads. */
class RecyclerPerThreadKindTest {
  private final RecyclerPerThreadKind pool = RecyclerPerThreadKind.instance();

  @Test
  void platformThread_keepsItsOwnRecycler_unlinked() {
    BufferRecycler first = pool.acquireAndLinkPooled();
    first.releaseToPool();
    BufferRecycler second = pool.acquireAndLinkPooled();

    assertThat(second).isSameAs(first);
    assertThat(second.isLinkedWithPool()).as("thread-local recyclers are not linked").isFalse();
    assertThat(RecyclerPerThreadKind.isVirtual(Thread.currentThread())).isFalse();
  }

  @Test
  void virtualThreads_shareRecyclers_throughTheDeque() throws Exception {
    BufferRecycler first = onVirtualThread(() -> acquireAndRelease());
    int pooled = pool.pooledCount();
    assertThat(pooled).as("given back to the deque").isPositive();

    BufferRecycler second = onVirtualThread(() -> acquireAndRelease());

    // Other tests' virtual threads may have left recyclers in the deque: the second thread takes
    // one of them or the first one's, and creates none.
    assertThat(pool.pooledCount()).isEqualTo(pooled);
    assertThat(second.isLinkedWithPool()).as("released").isFalse();
    assertThat(first.isLinkedWithPool()).isFalse();
  }

  @Test
  void mapper_onVirtualThreads_returnsItsRecyclerToTheDeque() throws Exception {
    ObjectMapper mapper =
        JsonMapper.builder(JsonFactory.builder().recyclerPool(pool).build()).build();
    onVirtualThread(() -> mapper.writeValueAsBytes(Map.of("message", "Hello, World!")));
    int pooled = pool.pooledCount();
    assertThat(pooled).isPositive();

    byte[] json = onVirtualThread(() -> mapper.writeValueAsBytes(Map.of("n", 1)));

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    assertThat(pool.pooledCount()).as("taken and given back, not a new one").isEqualTo(pooled);
  }

  private BufferRecycler acquireAndRelease() {
    assertThat(RecyclerPerThreadKind.isVirtual(Thread.currentThread())).isTrue();
    BufferRecycler recycler = pool.acquireAndLinkPooled();
    assertThat(recycler.isLinkedWithPool()).isTrue();
    recycler.releaseToPool();
    return recycler;
  }

  /** Runs {@code task} on a new virtual thread (JDK 21+; the test is skipped before). */
  private static <T> T onVirtualThread(Callable<T> task) throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    ExecutorService executor =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    try {
      return executor.submit(task).get();
    } finally {
      executor.shutdown();
    }
  }
}
