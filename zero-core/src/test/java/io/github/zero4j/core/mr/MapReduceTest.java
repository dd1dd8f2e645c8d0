package io.github.zero4j.core.mr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.sync.Workers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MapReduceTest {
  /** Long enough never to fire in a passing test; only keeps a broken test from hanging. */
  private static final long GUARD_SECONDS = 30;

  private static Generator<Integer> range(int from, int to) {
    return source -> {
      for (int i = from; i < to; i++) {
        source.accept(i);
      }
    };
  }

  private static Reducer<Integer, Long> sum() {
    return (pipe, writer, cancel) -> {
      long total = 0;
      for (int value : pipe) {
        total += value;
      }
      writer.accept(total);
    };
  }

  @Test
  void mapReduce_mapsEveryItemAndReduces() {
    long total =
        MapReduce.mapReduce(range(1, 101), (i, writer, cancel) -> writer.accept(i * i), sum());

    assertThat(total).isEqualTo(338_350L);
  }

  @Test
  void mapReduce_mapperMayWriteNothingOrSeveralResults() {
    long total =
        MapReduce.mapReduce(
            range(0, 10),
            (i, writer, cancel) -> {
              if (i % 2 == 0) {
                writer.accept(i);
                writer.accept(i);
              }
            },
            sum());

    assertThat(total).isEqualTo(2L * (0 + 2 + 4 + 6 + 8));
  }

  @Test
  void options_defaultsToSixteenWorkers() {
    assertThat(MapReduceOptions.defaults().workers()).isEqualTo(16);
    assertThat(MapReduceOptions.DEFAULT_WORKERS).isEqualTo(16);
  }

  @Test
  void options_rejectWorkersBelowOne() {
    assertThatThrownBy(() -> MapReduceOptions.builder().workers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers: 0 (expected: >= 1)");
  }

  @Test
  void mapReduce_runsAtMostWorkersMappersAtOnce() throws Exception {
    int workers = 3;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    // The first `workers` mappers meet at a barrier, so the bound is reached, not just respected.
    CyclicBarrier firstWave = new CyclicBarrier(workers);

    long total =
        MapReduce.mapReduce(
            range(0, 60),
            (i, writer, cancel) -> {
              maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                if (i < workers) {
                  firstWave.await(GUARD_SECONDS, TimeUnit.SECONDS);
                }
                writer.accept(1);
              } finally {
                running.decrementAndGet();
              }
            },
            sum(),
            MapReduceOptions.builder().workers(workers).build());

    assertThat(total).isEqualTo(60);
    assertThat(maxRunning).hasValue(workers);
  }

  @Test
  void mapReduce_firstFailureCancelsTheRestAndLaterFailuresAreSuppressed() {
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException late = new IllegalStateException("late");
    CountDownLatch blockerStarted = new CountDownLatch(1);
    AtomicBoolean blockerInterrupted = new AtomicBoolean();
    AtomicInteger generated = new AtomicInteger();
    Generator<Integer> endless =
        source -> {
          for (int i = 0; i < 1_000; i++) {
            generated.incrementAndGet();
            source.accept(i);
          }
        };

    assertThatThrownBy(
            () ->
                MapReduce.mapReduce(
                    endless,
                    (i, writer, cancel) -> {
                      if (i == 0) {
                        blockerStarted.countDown();
                        try {
                          new CountDownLatch(1).await(GUARD_SECONDS, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          blockerInterrupted.set(true);
                          throw late;
                        }
                      } else if (i == 1) {
                        blockerStarted.await(GUARD_SECONDS, TimeUnit.SECONDS);
                        throw boom;
                      }
                      writer.accept(i);
                    },
                    sum(),
                    MapReduceOptions.builder().workers(2).build()))
        .isSameAs(boom);

    assertThat(blockerInterrupted).isTrue();
    assertThat(boom.getSuppressed()).containsExactly(late);
    // Two permits: the generator got at most one item past the two it handed out, then stopped.
    assertThat(generated.get()).isLessThanOrEqualTo(3);
  }

  @Test
  void mapReduce_cancelFromAMapper_failsTheRunWithThatCause() {
    IllegalArgumentException reason = new IllegalArgumentException("bad item");

    assertThatThrownBy(
            () ->
                MapReduce.mapReduce(
                    range(0, 10),
                    (i, writer, cancel) -> {
                      if (i == 5) {
                        cancel.cancel(reason);
                      }
                      writer.accept(i);
                    },
                    sum()))
        .isSameAs(reason);
  }

  @Test
  void mapReduce_cancelWithNull_failsWithCancellation() {
    assertThatThrownBy(
            () ->
                MapReduce.mapReduce(
                    range(0, 10),
                    (i, writer, cancel) -> writer.accept(i),
                    (pipe, writer, cancel) -> cancel.cancel(null)))
        .isInstanceOf(CancellationException.class)
        .hasMessage("mapreduce cancelled with null");
  }

  @Test
  void mapReduce_checkedExceptionIsWrapped() {
    IOException io = new IOException("disk");

    assertThatThrownBy(
            () ->
                MapReduce.mapReduce(
                    range(0, 3),
                    (i, writer, cancel) -> {
                      throw io;
                    },
                    sum()))
        .isInstanceOf(MapReduceException.class)
        .hasCause(io);
  }

  @Test
  void mapReduce_generatorFailure_reachesTheCaller() {
    IllegalStateException boom = new IllegalStateException("generator");

    assertThatThrownBy(
            () ->
                MapReduce.<Integer, Integer, Long>mapReduce(
                    source -> {
                      source.accept(1);
                      throw boom;
                    },
                    (i, writer, cancel) -> writer.accept(i),
                    sum()))
        .isSameAs(boom);
  }

  @Test
  void mapReduce_reducerWritingNothing_failsWithNoOutput() {
    assertThatThrownBy(
            () ->
                MapReduce.mapReduce(
                    range(0, 3),
                    (i, writer, cancel) -> writer.accept(i),
                    (pipe, writer, cancel) -> pipe.forEach(item -> {})))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("reduce not writing value");
  }

  @Test
  void mapReduce_reducerWritingTwice_fails() {
    assertThatThrownBy(
            () ->
                MapReduce.mapReduce(
                    range(0, 3),
                    (i, writer, cancel) -> writer.accept(i),
                    (pipe, writer, cancel) -> {
                      writer.accept(1L);
                      writer.accept(2L);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("more than one element written in reducer");
  }

  @Test
  void mapReduce_reducerReturningEarly_keepsItsValueAndStopsAnEndlessGenerator() {
    AtomicBoolean generatorStopped = new AtomicBoolean();
    Generator<Integer> endless =
        source -> {
          try {
            for (int i = 0; ; i++) {
              source.accept(i);
            }
          } finally {
            generatorStopped.set(true);
          }
        };

    int first =
        MapReduce.<Integer, Integer, Integer>mapReduce(
            endless,
            (i, writer, cancel) -> writer.accept(i),
            (pipe, writer, cancel) -> writer.accept(pipe.iterator().next()));

    assertThat(first).isGreaterThanOrEqualTo(0);
    assertThat(generatorStopped).as("the call returns only after its work has ended").isTrue();
  }

  @Test
  void mapReduce_cancelledByTheCaller_stopsAndThrowsCancellation() throws InterruptedException {
    Cancellation cancellation = Cancellation.create();
    CountDownLatch mapperStarted = new CountDownLatch(1);
    AtomicBoolean mapperInterrupted = new AtomicBoolean();
    IllegalStateException reason = new IllegalStateException("shutting down");
    Thread canceller =
        new Thread(
            () -> {
              try {
                mapperStarted.await();
                cancellation.cancel(reason);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    canceller.start();

    assertThatThrownBy(
            () ->
                MapReduce.mapReduce(
                    range(0, 100),
                    (i, writer, cancel) -> {
                      mapperStarted.countDown();
                      try {
                        new CountDownLatch(1).await(GUARD_SECONDS, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        mapperInterrupted.set(true);
                        throw e;
                      }
                    },
                    sum(),
                    MapReduceOptions.builder().cancellation(cancellation).build()))
        .isInstanceOf(CancellationException.class)
        .hasMessage("mapreduce cancelled")
        .hasCause(reason);
    canceller.join();

    assertThat(mapperInterrupted).isTrue();
    assertThat(cancellation.isCancelled()).isTrue();
  }

  @Test
  void mapReduce_withAnAlreadyCancelledHandle_runsNothing() {
    Cancellation cancellation = Cancellation.create();
    cancellation.cancel();
    AtomicBoolean generatorRan = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                MapReduce.<Integer, Integer, Long>mapReduce(
                    source -> generatorRan.set(true),
                    (i, writer, cancel) -> writer.accept(i),
                    sum(),
                    MapReduceOptions.builder().cancellation(cancellation).build()))
        .isInstanceOf(CancellationException.class)
        .hasMessage("mapreduce cancelled")
        .hasNoCause();
    assertThat(generatorRan).isFalse();
  }

  @Test
  void mapReduce_callerInterrupted_stopsThrowsCancellationAndKeepsTheFlag()
      throws InterruptedException {
    CountDownLatch mapperStarted = new CountDownLatch(1);
    AtomicBoolean mapperInterrupted = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                MapReduce.mapReduce(
                    range(0, 100),
                    (i, writer, cancel) -> {
                      mapperStarted.countDown();
                      try {
                        new CountDownLatch(1).await(GUARD_SECONDS, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        mapperInterrupted.set(true);
                      }
                    },
                    sum());
              } catch (Throwable t) {
                failure.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    assertThat(mapperStarted.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    caller.join();

    assertThat(failure.get())
        .isInstanceOf(CancellationException.class)
        .hasMessage("mapreduce interrupted")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(flagKept).isTrue();
    assertThat(mapperInterrupted).isTrue();
  }

  @Test
  void mapReduce_workersAreNamedAndVirtualWhenAvailable() throws Exception {
    Set<Thread> workers = ConcurrentHashMap.newKeySet();

    MapReduce.mapReduce(
        range(0, 20),
        (i, writer, cancel) -> {
          workers.add(Thread.currentThread());
          writer.accept(i);
        },
        sum());

    for (Thread worker : workers) {
      assertThat(worker.getName()).startsWith("zero4j-core-mr-");
      assertThat(isVirtual(worker)).isEqualTo(Workers.virtualThreadsAvailable());
    }
  }

  @Test
  void mapReduce_executorRejectingEverything_stillCompletesOnAnOverflowThread() {
    Executor rejecting =
        task -> {
          throw new RejectedExecutionException("full");
        };
    Set<String> threadNames = ConcurrentHashMap.newKeySet();

    long total =
        MapReduce.mapReduce(
            range(1, 11),
            (i, writer, cancel) -> {
              threadNames.add(Thread.currentThread().getName());
              writer.accept(i);
            },
            sum(),
            MapReduceOptions.builder().executor(rejecting).build());

    assertThat(total).isEqualTo(55);
    assertThat(threadNames).hasSize(1);
    assertThat(threadNames.iterator().next()).startsWith("zero4j-core-mr-overflow-");
  }

  @Test
  void forEach_handlesEveryItem() {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();

    MapReduce.forEach(range(0, 100), seen::add);

    assertThat(seen).hasSize(100);
  }

  @Test
  void forEach_failure_cancelsAndIsThrown() {
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                MapReduce.forEach(
                    range(0, 100),
                    i -> {
                      if (i == 3) {
                        throw boom;
                      }
                    }))
        .isSameAs(boom);
  }

  @Test
  void finish_runsAllTasksInParallel() {
    CyclicBarrier all = new CyclicBarrier(3);
    List<String> done = Collections.synchronizedList(new ArrayList<>());

    MapReduce.finish(
        () -> {
          all.await(GUARD_SECONDS, TimeUnit.SECONDS);
          done.add("a");
        },
        () -> {
          all.await(GUARD_SECONDS, TimeUnit.SECONDS);
          done.add("b");
        },
        () -> {
          all.await(GUARD_SECONDS, TimeUnit.SECONDS);
          done.add("c");
        });

    assertThat(done).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void finish_failingTask_cancelsTheOthersAndIsThrown() {
    IllegalStateException boom = new IllegalStateException("boom");
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicBoolean slowInterrupted = new AtomicBoolean();

    assertThatThrownBy(
            () ->
                MapReduce.finish(
                    () -> {
                      slowStarted.countDown();
                      try {
                        new CountDownLatch(1).await(GUARD_SECONDS, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        slowInterrupted.set(true);
                        throw e;
                      }
                    },
                    () -> {
                      slowStarted.await(GUARD_SECONDS, TimeUnit.SECONDS);
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(boom.getSuppressed())
        .as("the interrupted task's echo is not a new failure")
        .isEmpty();
    assertThat(slowInterrupted).isTrue();
  }

  @Test
  void finish_checkedFailureIsWrapped() {
    IOException io = new IOException("io");

    assertThatThrownBy(
            () ->
                MapReduce.finish(
                    () -> {
                      throw io;
                    }))
        .isInstanceOf(MapReduceException.class)
        .hasCause(io);
  }

  @Test
  void finish_withNoTasks_returns() {
    MapReduce.finish();
    MapReduce.finishVoid();
  }

  @Test
  void finishVoid_runsAllAndThrowsTheFirstFailure() {
    AtomicInteger ran = new AtomicInteger();
    MapReduce.finishVoid(ran::incrementAndGet, ran::incrementAndGet, ran::incrementAndGet);
    assertThat(ran).hasValue(3);

    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                MapReduce.finishVoid(
                    ran::incrementAndGet,
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);
  }

  private static boolean isVirtual(Thread thread) throws Exception {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }
}
