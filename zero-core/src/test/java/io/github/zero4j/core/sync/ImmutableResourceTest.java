package io.github.zero4j.core.sync;

import static io.github.zero4j.core.sync.SingleFlightTest.awaitUninterruptibly;
import static io.github.zero4j.core.sync.SingleFlightTest.pause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ImmutableResourceTest {
  private final FakeTicker ticker = new FakeTicker();
  private final AtomicInteger fetches = new AtomicInteger();
  private final IllegalStateException boom = new IllegalStateException("boom");

  /**
   * A fetch that plays the given outcomes in order: a Throwable is thrown, anything else returned.
   */
  private Supplier<String> script(Object... outcomes) {
    Deque<Object> queue = new ArrayDeque<>(java.util.List.of(outcomes));
    return () -> {
      fetches.incrementAndGet();
      Object next = queue.isEmpty() ? "extra" : queue.poll();
      if (next instanceof RuntimeException e) {
        throw e;
      }
      return (String) next;
    };
  }

  @Test
  void get_fetchesOnceAndKeepsTheValue() {
    ImmutableResource<String> resource =
        ImmutableResource.builder(script("value")).ticker(ticker).build();

    assertThat(resource.get()).isEqualTo("value");
    ticker.advance(Duration.ofHours(1));
    assertThat(resource.get()).isEqualTo("value");
    assertThat(fetches).hasValue(1);
  }

  @Test
  void get_afterAFailure_rejectsUntilMoreThanTheIntervalHasPassed() {
    ImmutableResource<String> resource =
        ImmutableResource.builder(script(boom, "value"))
            .refreshIntervalOnFailure(Duration.ofSeconds(1))
            .ticker(ticker)
            .build();

    assertThatThrownBy(resource::get).isSameAs(boom);
    assertThatThrownBy(resource::get)
        .isInstanceOf(ResourceUnavailableException.class)
        .hasCause(boom);
    // go-zero refreshes only when lastTime + interval < now: exactly one interval is too early.
    ticker.advance(Duration.ofSeconds(1));
    assertThatThrownBy(resource::get).isInstanceOf(ResourceUnavailableException.class);
    assertThat(fetches).hasValue(1);

    ticker.advanceNanos(1);
    assertThat(resource.get()).isEqualTo("value");
    assertThat(resource.get()).isEqualTo("value");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void get_intervalCountsFromTheStartOfTheFailedAttempt() {
    AtomicInteger attempt = new AtomicInteger();
    ImmutableResource<String> resource =
        ImmutableResource.<String>builder(
                () -> {
                  if (attempt.incrementAndGet() == 1) {
                    ticker.advance(Duration.ofMillis(600)); // a slow failing fetch
                    throw boom;
                  }
                  return "value";
                })
            .ticker(ticker)
            .build();

    assertThatThrownBy(resource::get).isSameAs(boom);
    ticker.advance(Duration.ofMillis(401));

    assertThat(resource.get()).isEqualTo("value");
  }

  @Test
  void get_defaultIntervalIsOneSecond() {
    ImmutableResource<String> resource =
        ImmutableResource.builder(script(boom, "value")).ticker(ticker).build();

    assertThatThrownBy(resource::get).isSameAs(boom);
    ticker.advance(Duration.ofMillis(999));
    assertThatThrownBy(resource::get).isInstanceOf(ResourceUnavailableException.class);
    ticker.advance(Duration.ofMillis(2));

    assertThat(resource.get()).isEqualTo("value");
    assertThat(ImmutableResource.DEFAULT_REFRESH_INTERVAL_ON_FAILURE)
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void get_zeroInterval_retriesOnEveryCall() {
    IllegalStateException again = new IllegalStateException("again");
    ImmutableResource<String> resource =
        ImmutableResource.builder(script(boom, again, "value"))
            .refreshIntervalOnFailure(Duration.ZERO)
            .ticker(ticker)
            .build();

    assertThatThrownBy(resource::get).isSameAs(boom);
    assertThatThrownBy(resource::get).isSameAs(again);
    assertThat(resource.get()).isEqualTo("value");
    assertThat(fetches).hasValue(3);
  }

  @Test
  void get_nullFromFetch_isAFailure() {
    ImmutableResource<String> resource =
        ImmutableResource.<String>builder(() -> null).ticker(ticker).build();

    assertThatThrownBy(resource::get)
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fetch returned null");
    assertThatThrownBy(resource::get).isInstanceOf(ResourceUnavailableException.class);
  }

  @Test
  void get_callersDuringAFetch_waitForItInsteadOfFetchingAgain() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    DefaultImmutableResource<String> resource =
        (DefaultImmutableResource<String>)
            ImmutableResource.<String>builder(
                    () -> {
                      fetches.incrementAndGet();
                      awaitUninterruptibly(release);
                      return "value";
                    })
                .ticker(ticker)
                .build();
    AtomicReference<String> first = new AtomicReference<>();
    AtomicReference<String> second = new AtomicReference<>();
    Thread fetcher = new Thread(() -> first.set(resource.get()));
    fetcher.start();
    while (fetches.get() == 0) {
      pause();
    }
    Thread waiter = new Thread(() -> second.set(resource.get()));
    waiter.start();
    while (resource.waitingCallers() == 0) {
      pause();
    }

    release.countDown();
    fetcher.join();
    waiter.join();

    assertThat(first).hasValue("value");
    assertThat(second).hasValue("value");
    assertThat(fetches).hasValue(1);
  }

  @Test
  void builder_rejectsNegativeInterval() {
    assertThatThrownBy(
            () ->
                ImmutableResource.builder(script()).refreshIntervalOnFailure(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refreshIntervalOnFailure: PT-0.001S (expected: >= 0)");
  }
}
