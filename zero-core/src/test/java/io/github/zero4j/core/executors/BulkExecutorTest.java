package io.github.zero4j.core.executors;

import static io.github.zero4j.core.executors.Batches.await;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkExecutorTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final FakeTicker ticker = new FakeTicker();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<BulkExecutor<?>> opened = new ArrayList<>();

  @AfterEach
  void tearDown() throws InterruptedException {
    opened.forEach(BulkExecutor::close);
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private <T> BulkExecutor<T> bulk(int tasks, Consumer<List<T>> consumer) {
    BulkExecutor<T> executor =
        BulkExecutor.<T>builder(consumer)
            .name("test")
            .bulkTasks(tasks)
            .flushInterval(MINUTE)
            .ticker(ticker)
            .flushOnShutdown(false)
            .build();
    opened.add(executor);
    return executor;
  }

  private static PeriodicalExecutor<?, ?> engine(BulkExecutor<?> executor) {
    return ((DefaultBulkExecutor<?>) executor).engine();
  }

  private static Thread flusher(BulkExecutor<?> executor) {
    return requireNonNull(engine(executor).flusher());
  }

  @Test
  void add_flushesBatchesOfExactlyBulkTasks() throws Exception {
    // go-zero bulkexecutor_test: 10 per batch with a 1-minute interval -> batches of exactly 10.
    Batches<Integer> batches = new Batches<>();
    BulkExecutor<Integer> executor = bulk(10, batches);
    for (int i = 0; i < 25; i++) {
      executor.add(i);
    }
    assertThat(batches.next()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(batches.next()).containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    executor.close();
    assertThat(batches.next()).containsExactly(20, 21, 22, 23, 24);
    assertThat(batches.pending()).isZero();
  }

  @Test
  void tick_flushesPartialBatch() throws Exception {
    Batches<String> batches = new Batches<>();
    BulkExecutor<String> executor = bulk(10, batches);
    executor.add("a");
    executor.add("b");
    executor.add("c");
    ticker.advance(MINUTE);
    engine(executor).wake();
    assertThat(batches.next()).containsExactly("a", "b", "c");
    assertThat(batches.lastThread().getName()).isEqualTo("zero4j-core-executor-test");
  }

  @Test
  void emptyExecutor_neverCallsConsumer() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BulkExecutor<String> executor = bulk(10, batch -> calls.incrementAndGet());
    ticker.advance(MINUTE.multipliedBy(3));
    engine(executor).wake();
    executor.flush();
    executor.close();
    assertThat(calls).hasValue(0);
  }

  @Test
  void flush_runsPendingTasksInCallerThread() {
    Batches<String> batches = new Batches<>();
    BulkExecutor<String> executor = bulk(10, batches);
    executor.add("a");
    executor.add("b");
    executor.flush();
    assertThat(batches.all()).containsExactly(List.of("a", "b"));
    assertThat(batches.lastThread()).isSameAs(Thread.currentThread());
  }

  @Test
  void close_deliversEverythingAddedByManyProducers_inPerProducerOrder() throws Exception {
    int producers = 8;
    int perProducer = 2000;
    Batches<long[]> batches = new Batches<>();
    BulkExecutor<long[]> executor = bulk(64, batches);
    CyclicBarrier start = new CyclicBarrier(producers);
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      long producer = p;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (long i = 0; i < perProducer; i++) {
                  executor.add(new long[] {producer, i});
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    executor.close();
    List<long[]> tasks = batches.tasks();
    assertThat(tasks).hasSize(producers * perProducer);
    long[] nextIndex = new long[producers];
    for (long[] task : tasks) {
      assertThat(task[1]).isEqualTo(nextIndex[(int) task[0]]++);
    }
    assertThat(batches.all()).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(64));
  }

  @Test
  void close_racingWithProducers_losesNothingThatWasAccepted() throws Exception {
    int producers = 6;
    Batches<Long> batches = new Batches<>();
    BulkExecutor<Long> executor = bulk(50, batches);
    Set<Long> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger rejected = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(producers);
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      long base = (long) p << 32;
      futures.add(
          pool.submit(
              () -> {
                for (long i = 0; ; i++) {
                  try {
                    executor.add(base + i);
                  } catch (IllegalStateException closed) {
                    rejected.incrementAndGet();
                    return null;
                  }
                  accepted.add(base + i);
                  if (i == 500) {
                    running.countDown();
                  }
                }
              }));
    }
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    executor.close();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    assertThat(rejected).hasValue(producers);
    assertThat(new HashSet<>(batches.tasks())).isEqualTo(accepted);
    assertThat(batches.tasks()).hasSameSizeAs(accepted);
  }

  @Test
  void add_blocksWhileAFullBatchWaitsForTheConsumer() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    Batches<String> batches = new Batches<>();
    BulkExecutor<String> executor =
        bulk(
            2,
            batch -> {
              entered.countDown();
              try {
                gate.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              batches.accept(batch);
            });
    executor.add("a");
    executor.add("b"); // fills batch 1: the flusher takes it and blocks in the consumer
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    executor.add("c");
    Future<?> blockedAdd = pool.submit(() -> executor.add("d")); // fills batch 2: must wait
    await(() -> engine(executor).blockedProducers() == 1);
    assertThat(blockedAdd).isNotDone();
    gate.countDown();
    blockedAdd.get(10, TimeUnit.SECONDS);
    executor.close();
    assertThat(batches.all()).containsExactly(List.of("a", "b"), List.of("c", "d"));
  }

  @Test
  void add_interruptedWhileBlocked_returnsWithTaskQueued() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    Batches<String> batches = new Batches<>();
    BulkExecutor<String> executor =
        bulk(
            1,
            batch -> {
              entered.countDown();
              try {
                gate.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              batches.accept(batch);
            });
    executor.add("a");
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> {
              executor.add("b");
              interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
    producer.start();
    await(() -> engine(executor).blockedProducers() == 1);
    producer.interrupt();
    producer.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(interruptedAfter.get()).isTrue();
    gate.countDown();
    executor.close();
    assertThat(batches.tasks()).containsExactly("a", "b");
  }

  @Test
  void consumerFailure_isIsolated_laterBatchesStillRun() throws Exception {
    Batches<Integer> batches = new Batches<>();
    AtomicInteger calls = new AtomicInteger();
    BulkExecutor<Integer> executor =
        bulk(
            2,
            batch -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("consumer failure on purpose");
              }
              batches.accept(batch);
            });
    executor.add(1);
    executor.add(2); // dropped by the failing consumer
    executor.add(3);
    executor.add(4);
    assertThat(batches.next()).containsExactly(3, 4);
    executor.add(5);
    executor.flush();
    assertThat(batches.next()).containsExactly(5);
    assertThat(flusher(executor).isAlive()).isTrue();
  }

  @Test
  void close_stopsFlusher_isIdempotent_andRejectsLaterAdds() {
    BulkExecutor<String> executor = bulk(10, batch -> {});
    Thread flusher = flusher(executor);
    assertThat(flusher.getName()).isEqualTo("zero4j-core-executor-test");
    executor.close();
    executor.close();
    assertThat(flusher.isAlive()).isFalse();
    assertThatThrownBy(() -> executor.add("late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("executor test is closed");
  }

  @Test
  void close_fromInsideTheConsumer_doesNotDeadlock() throws Exception {
    AtomicReference<BulkExecutor<String>> self = new AtomicReference<>();
    Batches<String> batches = new Batches<>();
    BulkExecutor<String> executor =
        bulk(
            2,
            batch -> {
              batches.accept(batch);
              requireNonNull(self.get()).close();
            });
    self.set(executor);
    executor.add("a");
    executor.add("b");
    assertThat(batches.next()).containsExactly("a", "b");
    Thread flusher = flusher(executor);
    flusher.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(flusher.isAlive()).isFalse();
  }

  @Test
  void consumerAddingToItsOwnExecutor_isNotBlocked() throws Exception {
    AtomicReference<BulkExecutor<Integer>> self = new AtomicReference<>();
    Batches<Integer> batches = new Batches<>();
    BulkExecutor<Integer> executor =
        bulk(
            2,
            batch -> {
              batches.accept(batch);
              if (batch.get(0) < 10) {
                // Two follow-ups fill the next batch: waiting for room would wait for itself.
                requireNonNull(self.get()).add(batch.get(0) + 10);
                requireNonNull(self.get()).add(batch.get(1) + 10);
              }
            });
    self.set(executor);
    executor.add(1);
    executor.add(2);
    assertThat(batches.next()).containsExactly(1, 2);
    assertThat(batches.next()).containsExactly(11, 12);
  }

  @Test
  void builder_validates() {
    assertThatThrownBy(() -> BulkExecutor.builder(batch -> {}).bulkTasks(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bulkTasks: 0 (expected: > 0)");
    assertThatThrownBy(() -> BulkExecutor.builder(batch -> {}).flushInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("flushInterval: PT0S (expected: > 0 and <= ");
    assertThatThrownBy(() -> BulkExecutor.builder(batch -> {}).name(""))
        .hasMessage("name: \"\" (expected: non-empty)");
    assertThat(BulkExecutor.DEFAULT_BULK_TASKS).isEqualTo(1000);
    assertThat(BulkExecutor.DEFAULT_FLUSH_INTERVAL).isEqualTo(Duration.ofSeconds(1));
  }
}
