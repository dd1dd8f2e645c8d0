package io.github.zero4j.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("ThreadPriorityCheck") // spinning threads yield so the clock thread can step
class TokenBucketConcurrencyTest {
  private static final int THREADS = 16;

  private final FakeTicker ticker = new FakeTicker();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void shutdown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private TokenBucket bucket(double rate, int burst) {
    return TokenBucket.builder().rate(rate).burst(burst).ticker(ticker).build();
  }

  /** Runs {@code task} on every thread at once and waits for all. */
  private void race(Runnable task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                task.run();
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void allow_frozenTime_manyThreadsGrantExactlyBurst() throws Exception {
    TokenBucket bucket = bucket(1000, 5000);
    LongAdder granted = new LongAdder();
    race(
        () -> {
          for (int i = 0; i < 2000; i++) {
            if (bucket.allow()) {
              granted.increment();
            }
          }
        });
    assertThat(granted.sum()).isEqualTo(5000);
  }

  @Test
  void allowN_frozenTime_neverOverGrants() throws Exception {
    TokenBucket bucket = bucket(1000, 10_000);
    LongAdder granted = new LongAdder();
    race(
        () -> {
          for (int i = 0; i < 2000; i++) {
            int n = 1 + (i % 7);
            if (bucket.allow(n)) {
              granted.add(n);
            }
          }
        });
    assertThat(granted.sum()).isLessThanOrEqualTo(10_000);
    // Whatever is left is less than the largest request, or a final 1-token drain takes it all.
    long rest = 0;
    while (bucket.allow()) {
      rest++;
    }
    assertThat(granted.sum() + rest).isEqualTo(10_000);
  }

  @Test
  void allow_whileTimeAdvances_grantsExactlyOneTokenPerRefill() throws Exception {
    // 100/s: each 10 ms step refills exactly one token. The clock steps only once the workers
    // have taken everything, so the total must be burst + steps exactly, never more.
    TokenBucket bucket = bucket(100, 100);
    int workers = 3;
    int steps = 15_000; // 150 s of fake time: crosses a rebase (every 137 s)
    LongAdder granted = new LongAdder();
    AtomicBoolean done = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(workers + 1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < workers; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  if (bucket.allow()) {
                    granted.increment();
                  } else {
                    Thread.yield(); // let the clock thread step (2 cores are shared)
                  }
                }
                return null;
              }));
    }
    start.await();
    for (int i = 0; i < steps; i++) {
      awaitSum(granted, 100 + i);
      ticker.advanceMillis(10);
    }
    awaitSum(granted, 100 + steps);
    done.set(true);
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    assertThat(granted.sum()).isEqualTo(100 + steps);
    assertThat(bucket.allow()).isFalse();
  }

  private static void awaitSum(LongAdder adder, long target) {
    long sum;
    while ((sum = adder.sum()) < target) {
      Thread.yield();
    }
    assertThat(sum).isEqualTo(target);
  }

  @Test
  void setRate_concurrentWithGrants_createsNoTokens() throws Exception {
    // Time is frozen, so no rate change may add or lose a token: exactly burst in total.
    TokenBucket bucket = bucket(1000, 20_000);
    LongAdder granted = new LongAdder();
    race(
        () -> {
          for (int i = 0; i < 3000; i++) {
            if (i % 50 == 0) {
              bucket.setRate(1 + (i % 3) * 1000);
            } else if (bucket.allow()) {
              granted.increment();
            }
          }
        });
    while (bucket.allow()) {
      granted.increment();
    }
    assertThat(granted.sum()).isEqualTo(20_000);
  }
}
