package io.github.zero4j.core.executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkExecutorTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final FakeTicker ticker = new FakeTicker();
  private final Batches<String> batches = new Batches<>();
  private final ChunkExecutor<String> executor =
      ChunkExecutor.<String>builder(batches)
          .name("chunks")
          .chunkBytes(100)
          .flushInterval(MINUTE)
          .ticker(ticker)
          .flushOnShutdown(false)
          .build();

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void add_flushesWhenSizesReachChunkBytes_includingTheTaskThatCrossed() throws Exception {
    executor.add("a", 40);
    executor.add("b", 40);
    executor.add("c", 30); // 110 >= 100
    assertThat(batches.next()).containsExactly("a", "b", "c");
    executor.add("d", 60);
    executor.add("e", 40); // exactly 100
    assertThat(batches.next()).containsExactly("d", "e");
  }

  @Test
  void add_taskLargerThanChunk_completesItsBatchAtOnce() throws Exception {
    executor.add("big", 500);
    assertThat(batches.next()).containsExactly("big");
    executor.add("small", 1);
    executor.add("huge", 1000);
    assertThat(batches.next()).containsExactly("small", "huge");
  }

  @Test
  void tick_flushesPartialChunk() throws Exception {
    executor.add("a", 10);
    executor.add("b", 20);
    ticker.advance(MINUTE);
    ((DefaultChunkExecutor<String>) executor).engine().wake();
    assertThat(batches.next()).containsExactly("a", "b");
  }

  @Test
  void close_deliversPartialChunk() {
    executor.add("a", 10);
    executor.add("b", 0);
    executor.close();
    assertThat(batches.all()).containsExactly(List.of("a", "b"));
  }

  @Test
  void add_chunkPartlyTakenByTheFlusher_isFlushedWhenTheRestArrives() throws Exception {
    PeriodicalExecutor<?, ?> engine = ((DefaultChunkExecutor<String>) executor).engine();
    executor.add("a", 50);
    // A pass without a tick (a fake ticker never ticks by itself): the flusher takes "a" into
    // its batch, does not execute it, and parks again.
    engine.wake();
    Batches.await(() -> engine.untakenWeight() == 0);

    executor.add("b", 50); // 50 taken + 50 untaken: the chunk is full

    assertThat(batches.next()).containsExactly("a", "b");
  }

  @Test
  void add_zeroSizeCountsAsOne_negativeRejected() throws Exception {
    for (int i = 0; i < 99; i++) {
      executor.add("z" + i, 0);
    }
    assertThat(batches.pending()).isZero();
    executor.add("last", 0); // the 100th task of weight 1
    assertThat(batches.next()).hasSize(100).endsWith("last");
    assertThatThrownBy(() -> executor.add("x", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size: -1 (expected: >= 0)");
  }

  @Test
  void builder_validatesAndUsesGoZeroDefaults() {
    assertThatThrownBy(() -> ChunkExecutor.builder(batch -> {}).chunkBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunkBytes: 0 (expected: > 0)");
    assertThat(ChunkExecutor.DEFAULT_CHUNK_BYTES).isEqualTo(1024 * 1024);
    assertThat(ChunkExecutor.DEFAULT_FLUSH_INTERVAL).isEqualTo(Duration.ofSeconds(1));
  }
}
