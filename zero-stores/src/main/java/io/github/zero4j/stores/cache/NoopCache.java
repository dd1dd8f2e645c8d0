package io.github.zero4j.stores.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The disabled cache: nothing is stored, every take loads. Stateless and thread-safe. */
final class NoopCache implements Cache {
  static final NoopCache INSTANCE = new NoopCache();

  /** The expiry passed to {@code takeWithExpire} loaders. */
  private static final Duration EXPIRY = CacheBuilder.DEFAULT_EXPIRY;

  private NoopCache() {}

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    return Optional.empty();
  }

  @Override
  public void set(String key, Object value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
  }

  @Override
  public void setWithExpire(String key, Object value, Duration expire) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(expire, "expire");
  }

  @Override
  public void del(String... keys) {
    requireNonNull(keys, "keys");
  }

  @Override
  public <T> Optional<T> take(String key, Class<T> type, Supplier<Optional<T>> loader) {
    requireNonNull(key, "key");
    return requireNonNull(loader, "loader").get();
  }

  @Override
  public <T> Optional<T> takeWithExpire(
      String key, Class<T> type, Function<Duration, Optional<T>> loader) {
    requireNonNull(key, "key");
    return requireNonNull(loader, "loader").apply(EXPIRY);
  }

  @Override
  public void close() {}
}
