package io.github.zero4j.stores.limit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link TokenLimiter#noop()}: allows every request. */
final class NoopTokenLimiter implements TokenLimiter {
  static final NoopTokenLimiter INSTANCE = new NoopTokenLimiter();

  private static final CompletionStage<Boolean> TRUE = CompletableFuture.completedStage(true);

  private NoopTokenLimiter() {}

  @Override
  public String key() {
    return "noop";
  }

  @Override
  public boolean allow(int n) {
    TokenLimiterBuilder.checkPermits(n);
    return true;
  }

  @Override
  public CompletionStage<Boolean> allowAsync(int n) {
    TokenLimiterBuilder.checkPermits(n);
    return TRUE;
  }

  @Override
  public void close() {}
}
