package io.github.zero4j.core.breaker;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** go-zero's {@code nopBreaker}: lets every call through and records nothing. Thread-safe. */
final class NoopBreaker implements Breaker, Promise {
  /** go-zero's name for it. */
  static final String NAME = "nopBreaker";

  static final NoopBreaker INSTANCE = new NoopBreaker();

  private NoopBreaker() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Promise allow() {
    return this;
  }

  @Override
  public <T> T execute(Supplier<? extends T> call, Predicate<? super Throwable> acceptable) {
    requireNonNull(acceptable, "acceptable");
    return call.get();
  }

  @Override
  public <T> T executeWithFallback(
      Supplier<? extends T> call,
      Function<? super BreakerOpenException, ? extends T> fallback,
      Predicate<? super Throwable> acceptable) {
    requireNonNull(fallback, "fallback");
    requireNonNull(acceptable, "acceptable");
    return call.get();
  }

  @Override
  public <T, E extends Exception> T executeChecked(
      CheckedSupplier<? extends T, E> call, Predicate<? super Throwable> acceptable) throws E {
    requireNonNull(acceptable, "acceptable");
    return call.get();
  }

  @Override
  public void run(Runnable task) {
    task.run();
  }

  @Override
  public void accept() {}

  @Override
  public void reject(String reason) {}

  @Override
  public String toString() {
    return "NoopBreaker";
  }
}
