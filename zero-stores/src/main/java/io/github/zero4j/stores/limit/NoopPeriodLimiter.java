package io.github.zero4j.stores.limit;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link PeriodLimiter#noop()}: admits everything. */
final class NoopPeriodLimiter implements PeriodLimiter {
  static final NoopPeriodLimiter INSTANCE = new NoopPeriodLimiter();

  private static final CompletionStage<PeriodResult> ALLOWED =
      CompletableFuture.completedStage(PeriodResult.ALLOWED);

  private NoopPeriodLimiter() {}

  @Override
  public PeriodResult take(String key) {
    requireNonNull(key, "key");
    return PeriodResult.ALLOWED;
  }

  @Override
  public CompletionStage<PeriodResult> takeAsync(String key) {
    requireNonNull(key, "key");
    return ALLOWED;
  }
}
