package io.github.zero4j.core.sync;

import static io.github.zero4j.core.sync.SingleFlightTest.awaitUninterruptibly;
import static io.github.zero4j.core.sync.SingleFlightTest.pause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LockedCallsTest {
  private final DefaultLockedCalls<String, Integer> calls =
      (DefaultLockedCalls<String, Integer>) LockedCalls.<String, Integer>create();
  private final ThreadFactory threads = Workers.threadFactory("lockedcalls-test-");

  @Test
  void execute_sameKey_callsRunOneAfterAnotherEachWithItsOwnSupplier() throws InterruptedException {
    int callers = 20;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    AtomicInteger executions = new AtomicInteger();
    AtomicReferenceArray<Integer> results = new AtomicReferenceArray<>(callers);
    CountDownLatch firstRunning = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      int index = i;
      Thread thread =
          threads.newThread(
              () ->
                  results.set(
                      index,
                      calls.execute(
                          "key",
                          () -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            if (executions.incrementAndGet() == 1) {
                              firstRunning.countDown();
                              // Hold the key until every other caller waits for it.
                              awaitWaiting("key", callers - 1);
                            }
                            pause();
                            inside.decrementAndGet();
                            return index;
                          })));
      started.add(thread);
      if (i == 0) {
        thread.start();
        awaitUninterruptibly(firstRunning);
      } else {
        thread.start();
      }
    }
    for (Thread thread : started) {
      thread.join();
    }

    assertThat(executions).hasValue(callers);
    assertThat(maxInside).hasValue(1);
    for (int i = 0; i < callers; i++) {
      assertThat(results.get(i)).isEqualTo(i);
    }
  }

  @Test
  void execute_differentKeys_runConcurrently() throws InterruptedException {
    CountDownLatch bRunning = new CountDownLatch(1);
    AtomicBoolean aSawB = new AtomicBoolean();
    Thread a =
        threads.newThread(
            () ->
                calls.execute(
                    "a",
                    () -> {
                      aSawB.set(awaitQuietly(bRunning));
                      return 1;
                    }));
    a.start();
    awaitRunning("a");
    calls.execute(
        "b",
        () -> {
          bRunning.countDown();
          return 2;
        });
    a.join();

    assertThat(aSawB).isTrue();
  }

  @Test
  void execute_failingCall_releasesTheKey() {
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                calls.execute(
                    "key",
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(calls.execute("key", () -> 7)).isEqualTo(7);
  }

  @Test
  void execute_interruptedWaiter_stopsWaitingAndKeepsFlag() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        threads.newThread(
            () ->
                calls.execute(
                    "key",
                    () -> {
                      awaitUninterruptibly(release);
                      return 1;
                    }));
    holder.start();
    awaitRunning("key");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    AtomicBoolean ran = new AtomicBoolean();
    Thread waiter =
        threads.newThread(
            () -> {
              try {
                calls.execute(
                    "key",
                    () -> {
                      ran.set(true);
                      return 2;
                    });
              } catch (WaitInterruptedException e) {
                failure.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    waiter.start();
    awaitWaiting("key", 1);

    waiter.interrupt();
    waiter.join();
    release.countDown();
    holder.join();

    assertThat(failure.get()).isInstanceOf(WaitInterruptedException.class);
    assertThat(flagKept).isTrue();
    assertThat(ran).isFalse();
  }

  private void awaitRunning(String key) {
    while (calls.running(key) == null) {
      pause();
    }
  }

  private void awaitWaiting(String key, int count) {
    while (true) {
      Flight gate = calls.running(key);
      if (gate != null && gate.parkedWaiters() >= count) {
        return;
      }
      pause();
    }
  }

  /** Waits for a latch that a concurrent call must open; false if it never does (serialised). */
  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
