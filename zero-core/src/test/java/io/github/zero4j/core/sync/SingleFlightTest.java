package io.github.zero4j.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SingleFlightTest {
  /** 10,000 callers where threads are cheap (JDK 21+), 500 platform threads otherwise. */
  private static final int MANY_CALLERS = Workers.virtualThreadsAvailable() ? 10_000 : 500;

  private final ThreadFactory threads = Workers.threadFactory("singleflight-test-");

  @Test
  void execute_returnsTheSupplierValue() {
    SingleFlight<String, String> flight = SingleFlight.create();

    assertThat(flight.execute("kerr", () -> "bar")).isEqualTo("bar");
  }

  @Test
  void execute_concurrentCallersOfOneKey_runTheSupplierOnce() throws InterruptedException {
    // go-zero TestExclusiveCallDoDupSuppress: 10 callers while fn blocks -> fn called once.
    StripedSingleFlight<String, Object> flight = striped();
    AtomicInteger calls = new AtomicInteger();
    Object value = new Object();

    AtomicReferenceArray<Object> results =
        runCallers(
            10,
            i ->
                () ->
                    flight.execute(
                        "key",
                        () -> {
                          calls.incrementAndGet();
                          awaitJoined(flight, "key", 9);
                          return value;
                        }));

    assertThat(calls).hasValue(1);
    for (int i = 0; i < 10; i++) {
      assertThat(results.get(i)).isSameAs(value);
    }
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_manyCallers_exactlyOneExecutionPerFlightAndOneSharedValue()
      throws InterruptedException {
    StripedSingleFlight<String, Object> flight = striped();
    for (int round = 1; round <= 2; round++) {
      AtomicInteger calls = new AtomicInteger();
      Object value = new Object();

      AtomicReferenceArray<Object> results =
          runCallers(
              MANY_CALLERS,
              i ->
                  () ->
                      flight.execute(
                          "hot",
                          () -> {
                            calls.incrementAndGet();
                            awaitJoined(flight, "hot", MANY_CALLERS - 1);
                            return value;
                          }));

      assertThat(calls).as("executions in round %d", round).hasValue(1);
      for (int i = 0; i < MANY_CALLERS; i++) {
        assertThat(results.get(i)).isSameAs(value);
      }
    }
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_distinctKeys_oneExecutionPerKey() throws InterruptedException {
    // go-zero TestExclusiveCallDoDiffDupSuppress: each key's function runs once.
    StripedSingleFlight<String, String> flight = striped();
    List<String> keys = List.of("a", "b", "c", "d", "e");
    int perKey = 10;
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    AtomicReferenceArray<Object> results =
        runCallers(
            keys.size() * perKey,
            i -> {
              String key = keys.get(i % keys.size());
              return () ->
                  flight.execute(
                      key,
                      () -> {
                        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        awaitJoined(flight, key, perKey - 1);
                        return "value-" + key;
                      });
            });

    for (String key : keys) {
      assertThat(calls.get(key)).as(key).hasValue(1);
    }
    for (int i = 0; i < keys.size() * perKey; i++) {
      assertThat(results.get(i)).isEqualTo("value-" + keys.get(i % keys.size()));
    }
  }

  @Test
  void execute_keysSharingOneSlot_eachKeyExecutesOnce() throws InterruptedException {
    // One slot forces every key into the same chain; equal hash codes defeat the hash check.
    StripedSingleFlight<CollidingKey, String> flight = new StripedSingleFlight<>(1);
    int keys = 8;
    int perKey = 4;
    AtomicInteger calls = new AtomicInteger();

    AtomicReferenceArray<Object> results =
        runCallers(
            keys * perKey,
            i -> {
              CollidingKey key = new CollidingKey(i % keys);
              return () ->
                  flight.execute(
                      key,
                      () -> {
                        calls.incrementAndGet();
                        awaitJoined(flight, key, perKey - 1);
                        return "value-" + key.id;
                      });
            });

    assertThat(calls).hasValue(keys);
    for (int i = 0; i < keys * perKey; i++) {
      assertThat(results.get(i)).isEqualTo("value-" + (i % keys));
    }
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_afterAFlightCompletes_runsTheSupplierAgain() {
    SingleFlight<String, Integer> flight = SingleFlight.create();
    AtomicInteger calls = new AtomicInteger();

    flight.execute("key", calls::incrementAndGet);
    int second = flight.execute("key", calls::incrementAndGet);

    assertThat(second).isEqualTo(2);
  }

  @Test
  void execute_exceptionReachesEveryCaller() throws InterruptedException {
    // go-zero TestExclusiveCallDoErr, for all concurrent callers (go-zero gives waiters nil after
    // a panic; here they get the exception).
    StripedSingleFlight<String, Object> flight = striped();
    IllegalStateException boom = new IllegalStateException("boom");
    int callers = 20;

    AtomicReferenceArray<Object> results =
        runCallers(
            callers,
            i ->
                () -> {
                  try {
                    return flight.execute(
                        "key",
                        () -> {
                          awaitJoined(flight, "key", callers - 1);
                          throw boom;
                        });
                  } catch (IllegalStateException e) {
                    return e;
                  }
                });

    for (int i = 0; i < callers; i++) {
      assertThat(results.get(i)).isSameAs(boom);
    }
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_nullValueIsShared() throws InterruptedException {
    StripedSingleFlight<String, Object> flight = striped();
    AtomicInteger calls = new AtomicInteger();

    AtomicReferenceArray<Object> results =
        runCallers(
            5,
            i ->
                () -> {
                  Object value =
                      flight.execute(
                          "key",
                          () -> {
                            calls.incrementAndGet();
                            awaitJoined(flight, "key", 4);
                            return null;
                          });
                  return value == null ? "null" : value;
                });

    assertThat(calls).hasValue(1);
    for (int i = 0; i < 5; i++) {
      assertThat(results.get(i)).isEqualTo("null");
    }
  }

  @Test
  void executeEx_exactlyOneCallerIsFresh() throws InterruptedException {
    // go-zero TestExclusiveCallDoExDupSuppress.
    StripedSingleFlight<String, Object> flight = striped();
    int callers = 50;
    Object value = new Object();

    AtomicReferenceArray<Object> results =
        runCallers(
            callers,
            i ->
                () ->
                    flight.executeEx(
                        "key",
                        () -> {
                          awaitJoined(flight, "key", callers - 1);
                          return value;
                        }));

    int fresh = 0;
    for (int i = 0; i < callers; i++) {
      FlightResult<?> result = (FlightResult<?>) results.get(i);
      assertThat(result.value()).isSameAs(value);
      fresh += result.fresh() ? 1 : 0;
    }
    assertThat(fresh).isEqualTo(1);
  }

  @Test
  void execute_interruptedWaiter_stopsWaitingKeepsFlag_andTheFlightContinues()
      throws InterruptedException {
    StripedSingleFlight<String, String> flight = striped();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Object> ownerResult = new AtomicReference<>();
    AtomicReference<Object> otherResult = new AtomicReference<>();
    AtomicReference<Throwable> interruptedFailure = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread owner =
        threads.newThread(
            () ->
                ownerResult.set(
                    flight.execute(
                        "key",
                        () -> {
                          calls.incrementAndGet();
                          awaitUninterruptibly(release);
                          return "value";
                        })));
    owner.start();
    awaitInFlight(flight, "key");
    Thread interrupted =
        threads.newThread(
            () -> {
              try {
                flight.execute("key", () -> "not me");
              } catch (WaitInterruptedException e) {
                interruptedFailure.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    Thread other = threads.newThread(() -> otherResult.set(flight.execute("key", () -> "nor me")));
    interrupted.start();
    other.start();
    awaitJoined(flight, "key", 2);

    interrupted.interrupt();
    interrupted.join();
    assertThat(interruptedFailure.get()).isInstanceOf(WaitInterruptedException.class);
    assertThat(flagKept).isTrue();
    assertThat(owner.isAlive()).isTrue();

    release.countDown();
    owner.join();
    other.join();
    assertThat(ownerResult).hasValue("value");
    assertThat(otherResult).hasValue("value");
    assertThat(calls).hasValue(1);
  }

  @Test
  void noop_runsEveryCallAndEveryCallIsFresh() {
    SingleFlight<String, Integer> flight = SingleFlight.noop();
    AtomicInteger calls = new AtomicInteger();

    flight.execute("key", calls::incrementAndGet);
    FlightResult<Integer> result = flight.executeEx("key", calls::incrementAndGet);

    assertThat(result).isEqualTo(new FlightResult<>(2, true));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void execute_rejectsNullArguments() {
    SingleFlight<String, String> flight = SingleFlight.create();

    assertThatThrownBy(() -> flight.execute(null, () -> "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    assertThatThrownBy(() -> flight.execute("key", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("supplier");
  }

  private static <K, V> StripedSingleFlight<K, V> striped() {
    return (StripedSingleFlight<K, V>) SingleFlight.<K, V>create();
  }

  /** Runs {@code callers} threads at once; returns what each caller's body returned. */
  private AtomicReferenceArray<Object> runCallers(
      int callers, IntFunction<java.util.function.Supplier<Object>> body)
      throws InterruptedException {
    AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(callers);
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>(callers);
    for (int i = 0; i < callers; i++) {
      int index = i;
      java.util.function.Supplier<Object> call = body.apply(i);
      Thread thread =
          threads.newThread(
              () -> {
                try {
                  awaitUninterruptibly(start);
                  results.set(index, call.get());
                } catch (Throwable t) {
                  unexpected.compareAndSet(null, t);
                }
              });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join();
    }
    assertThat(unexpected.get()).isNull();
    return results;
  }

  /** Blocks the owner until {@code count} other callers wait on its flight. */
  static void awaitJoined(StripedSingleFlight<?, ?> flight, Object key, int count) {
    while (true) {
      Flight current = flight.inFlight(cast(key));
      if (current != null && current.parkedWaiters() >= count) {
        return;
      }
      pause();
    }
  }

  private static void awaitInFlight(StripedSingleFlight<String, ?> flight, String key) {
    while (flight.inFlight(key) == null) {
      pause();
    }
  }

  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  private static <K> K cast(Object key) {
    return (K) key;
  }

  /**
   * One step of polling for a state no latch can signal (how many threads are parked on a flight).
   * Yields rather than spins so that a polling virtual thread gives its carrier to the threads it
   * waits for.
   */
  @SuppressWarnings("ThreadPriorityCheck")
  static void pause() {
    Thread.yield();
  }

  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Keys that all hash alike but are equal only by id. */
  private static final class CollidingKey {
    final int id;

    CollidingKey(int id) {
      this.id = id;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CollidingKey other && other.id == id;
    }

    @Override
    public int hashCode() {
      return 42;
    }
  }
}
