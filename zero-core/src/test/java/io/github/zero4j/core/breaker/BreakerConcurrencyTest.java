package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads on one breaker: every outcome is counted exactly once, rolls included. */
class BreakerConcurrencyTest {
  private static final int THREADS = 4;
  private static final int CALLS = 100_000;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
  private final FakeTicker ticker = new FakeTicker();

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private void runAll(int threads, ThrowingTask task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                task.run(id);
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  @FunctionalInterface
  private interface ThrowingTask {
    void run(int thread) throws Exception;
  }

  @Test
  void execute_countsEverySuccessFromFourThreads() throws Exception {
    GoogleBreaker b =
        (GoogleBreaker)
            Breaker.builder().ticker(ticker).random(ScriptedRandom.alwaysDrop()).build();
    runAll(
        THREADS,
        thread -> {
          for (int i = 0; i < CALLS; i++) {
            b.execute(() -> "ok");
          }
        });
    assertThat(b.history()).isEqualTo(new History(THREADS * CALLS, 0, THREADS * CALLS, 1, 0));
  }

  @Test
  void execute_losesNoOutcomeWhileTheWindowRolls() throws Exception {
    GoogleBreaker b = (GoogleBreaker) Breaker.builder().ticker(ticker).build();
    AtomicLong successes = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong drops = new AtomicLong();
    runAll(
        THREADS,
        thread -> {
          long s = 0;
          long f = 0;
          long d = 0;
          for (int i = 0; i < CALLS; i++) {
            if (thread == 0 && i % 10_000 == 0) {
              ticker.advanceMillis(250); // 10 rolls: 2.5 s stays inside the 10 s window
            }
            boolean fail = i % 4 == 0;
            try {
              b.execute(
                  () -> {
                    if (fail) {
                      throw new IllegalStateException("down");
                    }
                    return "ok";
                  });
              s++;
            } catch (BreakerOpenException e) {
              d++;
            } catch (IllegalStateException e) {
              f++;
            }
          }
          successes.addAndGet(s);
          failures.addAndGet(f);
          drops.addAndGet(d);
        });
    History h = b.history();
    assertThat(h.total()).isEqualTo(THREADS * CALLS);
    assertThat(h.accepts()).isEqualTo(successes.get());
    assertThat(h.failures()).isEqualTo(failures.get());
    assertThat(h.total() - h.accepts() - h.failures()).isEqualTo(drops.get());
  }

  @Test
  void forcePass_admitsOneProbeAmongConcurrentCallers() throws Exception {
    ScriptedRandom random = new ScriptedRandom(0.0).then(0.9999);
    GoogleBreaker b = (GoogleBreaker) Breaker.builder().ticker(ticker).random(random).build();
    for (int i = 0; i < 1000; i++) {
      b.markFailure("down");
    }
    b.allow(); // passes on 0.9999 (> 995 / 1001) and sets lastPass
    ticker.advanceMillis(1001);
    int callers = 8;
    AtomicLong passed = new AtomicLong();
    runAll(
        callers,
        thread -> {
          try {
            b.allow();
            passed.incrementAndGet();
          } catch (BreakerOpenException e) {
            // dropped
          }
        });
    assertThat(passed).hasValue(1);
  }

  @Test
  void registry_createsOneBreakerPerNameUnderContention() throws Exception {
    BreakerRegistry registry = BreakerRegistry.create();
    Breaker[] seen = new Breaker[THREADS * 2];
    runAll(THREADS * 2, thread -> seen[thread] = registry.get("shared"));
    for (Breaker b : seen) {
      assertThat(b).isSameAs(seen[0]);
    }
  }
}
