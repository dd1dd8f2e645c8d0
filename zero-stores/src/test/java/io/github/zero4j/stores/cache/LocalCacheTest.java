package io.github.zero4j.stores.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalCacheTest extends CacheContract {
  private final FakeTicker ticker = new FakeTicker();
  private double u = 0.5;

  @Override
  CacheBuilder newBuilder() {
    return Cache.localBuilder().ticker(ticker).random(() -> u);
  }

  @Override
  String key(String suffix) {
    return "cache:local:" + suffix;
  }

  @Test
  void values_expireAfterTheJitteredExpiry() {
    u = 0; // factor 1.05: 7 d * 1.05 = 7.35 d
    DefaultCache cache = open(true);
    cache.set("k", new User(1, "a"));

    ticker.advance(Duration.ofDays(7).plusHours(8));
    assertThat(cache.get("k", User.class)).isPresent();
    ticker.advance(Duration.ofMinutes(30));
    assertThat(cache.get("k", User.class)).isEmpty();
  }

  @Test
  void placeholder_expiresWithinItsJitteredMinute() {
    u = 0.9999; // factor ~0.95: ceil(57.0 s) = 58 s at most
    DefaultCache cache = open(true);
    AtomicInteger loads = new AtomicInteger();
    java.util.function.Supplier<Optional<User>> loader =
        () -> {
          loads.incrementAndGet();
          return Optional.empty();
        };
    cache.take("gone", User.class, loader);

    ticker.advance(Duration.ofSeconds(56));
    cache.take("gone", User.class, loader);
    assertThat(loads).hasValue(1);
    ticker.advance(Duration.ofSeconds(3));
    cache.take("gone", User.class, loader);
    assertThat(loads).hasValue(2);
  }

  @Test
  void takeWithExpire_passesTheExpiryItCachesWith() {
    u = 0.5; // factor 1.0
    DefaultCache cache = open(true);
    Duration[] seen = new Duration[1];

    cache.takeWithExpire(
        "tw",
        User.class,
        expire -> {
          seen[0] = expire;
          return Optional.of(new User(1, "a"));
        });

    assertThat(seen[0]).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void undecodableValue_isDroppedAndReloaded() {
    DefaultCache cache = open(true);
    cache.set("bad", "not a user object");

    assertThat(cache.take("bad", User.class, () -> Optional.of(new User(9, "fresh"))))
        .contains(new User(9, "fresh"));
    assertThat(cache.get("bad", User.class)).contains(new User(9, "fresh"));
  }

  @Test
  void setWithExpire_rejectsNonPositive() {
    DefaultCache cache = open(true);

    assertThatThrownBy(() -> cache.setWithExpire("k", new User(1, "a"), Duration.ZERO))
        .hasMessage("expire: PT0S (expected: > 0)");
  }

  @Test
  void noop_alwaysLoads() {
    AtomicInteger loads = new AtomicInteger();
    Cache cache = Cache.noop();
    cache.set("k", "v");

    for (int i = 0; i < 3; i++) {
      cache.take(
          "k",
          String.class,
          () -> {
            loads.incrementAndGet();
            return Optional.of("v");
          });
    }

    assertThat(loads).hasValue(3);
    assertThat(cache.get("k", String.class)).isEmpty();
  }
}
