package io.github.zero4j.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/** Test support: what each of {@code n} {@link PushCallback}s was told, and how often. */
public final class PushOutcomes {
  private final AtomicIntegerArray calls;
  private final AtomicReferenceArray<@Nullable PushResult> results;
  private final AtomicReferenceArray<@Nullable PushException> errors;
  private final AtomicInteger bothOrNeither = new AtomicInteger();
  private final CountDownLatch called;

  public PushOutcomes(int n) {
    calls = new AtomicIntegerArray(n);
    results = new AtomicReferenceArray<>(n);
    errors = new AtomicReferenceArray<>(n);
    called = new CountDownLatch(n);
  }

  /** The callback of push {@code i}. */
  public PushCallback callback(int i) {
    return (result, error) -> {
      if ((result == null) == (error == null)) {
        bothOrNeither.incrementAndGet();
      }
      results.set(i, result);
      errors.set(i, error);
      if (calls.incrementAndGet(i) == 1) {
        called.countDown();
      }
    };
  }

  /** Waits until every callback was called at least once. */
  public boolean await(Duration timeout) throws InterruptedException {
    return called.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int calls(int i) {
    return calls.get(i);
  }

  public @Nullable PushResult result(int i) {
    return results.get(i);
  }

  public @Nullable PushException error(int i) {
    return errors.get(i);
  }

  /** Callbacks told both a result and an error, or neither: must be 0. */
  public int bothOrNeither() {
    return bothOrNeither.get();
  }

  /** The indexes whose callback was called other than exactly once. */
  public List<Integer> notCalledExactlyOnce() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < calls.length(); i++) {
      if (calls.get(i) != 1) {
        out.add(i);
      }
    }
    return out;
  }

  /** The results, in push order; fails if any push failed or is missing. */
  public List<PushResult> results() {
    List<PushResult> out = new ArrayList<>();
    for (int i = 0; i < results.length(); i++) {
      PushResult r = results.get(i);
      if (r == null) {
        throw new AssertionError("push " + i + " has no result; error: " + errors.get(i));
      }
      out.add(r);
    }
    return out;
  }
}
