package io.github.zero4j.examples.mall.infra;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.limit.TokenBucket;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.stores.limit.TokenLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * zero-stores' {@link TokenLimiter} contract on zero-core's in-process {@link TokenBucket}: the
 * embedded mode's stand-in for the Redis limiter. The bucket starts full with {@code burst} tokens
 * and refills at {@code rate} per second, continuously (the Redis script refills once per whole
 * second); a request for more than {@code burst} tokens is never granted. The limit is per process,
 * which is all an embedded mall has. Thread-safe; {@code allow} never blocks.
 */
final class LocalTokenLimiter implements TokenLimiter {
  private final String key;
  private final TokenBucket bucket;

  LocalTokenLimiter(String key, TokenLimitConf conf, Ticker ticker) {
    requireNonNull(key, "key");
    requireNonNull(conf, "conf");
    requireNonNull(ticker, "ticker");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key: \"\" (expected: non-empty)");
    }
    this.key = key;
    this.bucket =
        TokenBucket.builder()
            .name(key)
            .rate(conf.rate())
            .burst(conf.burst())
            .ticker(ticker)
            .build();
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public boolean allow(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
    }
    return bucket.allow(n);
  }

  @Override
  public CompletionStage<Boolean> allowAsync(int n) {
    return CompletableFuture.completedStage(allow(n));
  }

  /** Nothing to stop: the bucket owns no thread. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "LocalTokenLimiter("
        + key
        + ", rate "
        + bucket.rate()
        + ", burst "
        + bucket.burst()
        + ")";
  }
}
