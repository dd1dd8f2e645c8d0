package io.github.zero4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.Breakers;
import io.github.zero4j.core.limit.LimitExceededException;
import io.github.zero4j.core.limit.TokenBucket;
import io.github.zero4j.core.sync.SingleFlight;
import io.github.zero4j.core.timex.FakeTicker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The README's sample, compiled and run, so the README stays true to the API. */
class ReadmeSampleTest {
  record User(long id, String name) {
    static User anonymous() {
      return new User(0, "anonymous");
    }
  }

  private final AtomicInteger loads = new AtomicInteger();

  private User load(long id) {
    loads.incrementAndGet();
    return new User(id, "user-" + id);
  }

  @Test
  void readmeSample_runs() {
    long id = 42;
    // --- README sample, verbatim apart from `users.load` ---
    Breaker breaker = Breakers.get("user-db");
    SingleFlight<String, User> flight = SingleFlight.create();
    TokenBucket limiter = TokenBucket.of(100, 200);

    limiter.acquireOrThrow();
    User user =
        breaker.executeWithFallback(
            () -> flight.execute("user:" + id, () -> load(id)), open -> User.anonymous());
    // ---
    assertThat(user).isEqualTo(new User(42, "user-42"));
    assertThat(loads).hasValue(1);

    TokenBucket empty = TokenBucket.builder().rate(1).burst(1).ticker(new FakeTicker()).build();
    empty.acquireOrThrow();
    assertThatThrownBy(empty::acquireOrThrow).isInstanceOf(LimitExceededException.class);
  }
}
