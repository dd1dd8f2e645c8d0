package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.github.zero4j.core.timex.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** go-zero's breaker tests (core/breaker/*_test.go), adapted to a fake clock and fixed randoms. */
class BreakerTest {
  private final FakeTicker ticker = new FakeTicker();

  /** go-zero's test breaker: 10 buckets of 10 ms, k = 5. */
  private GoogleBreaker testBreaker(RandomGenerator random) {
    return (GoogleBreaker)
        Breaker.builder()
            .name("test")
            .window(Duration.ofMillis(100))
            .buckets(10)
            .k(5)
            .ticker(ticker)
            .random(random)
            .build();
  }

  private GoogleBreaker defaultBreaker(RandomGenerator random) {
    return (GoogleBreaker) Breaker.builder().name("test").ticker(ticker).random(random).build();
  }

  private static void markSuccess(GoogleBreaker b, int n) {
    for (int i = 0; i < n; i++) {
      b.markSuccess();
    }
  }

  private static void markFailure(GoogleBreaker b, int n) {
    for (int i = 0; i < n; i++) {
      b.markFailure("fail");
    }
  }

  private static boolean admits(Breaker b) {
    try {
      b.allow().accept();
      return true;
    } catch (BreakerOpenException e) {
      return false;
    }
  }

  // ---- go-zero's scenarios ----------------------------------------------------------------------

  @Test
  void allow_staysClosedOnSuccesses() {
    GoogleBreaker b = testBreaker(ScriptedRandom.alwaysDrop());
    markSuccess(b, 80);
    assertThat(admits(b)).isTrue();
    markSuccess(b, 120);
    assertThat(admits(b)).isTrue();
    assertThat(b.currentDropProbability()).isZero();
  }

  @Test
  void allow_opensAfterManyFailures() {
    GoogleBreaker b = testBreaker(new ScriptedRandom(0.5));
    markSuccess(b, 10);
    int dropped = 0;
    for (int i = 0; i < 100_000; i++) {
      try {
        b.allow().reject("fail " + i);
      } catch (BreakerOpenException e) {
        dropped++;
      }
    }
    assertThat(dropped).isGreaterThan(99_000);
    ticker.advanceMillis(20); // go-zero waits two intervals; the failures are still in the window
    assertThatThrownBy(b::allow).isInstanceOf(BreakerOpenException.class);
  }

  @Test
  void allow_recoversWithK15OnceFailuresAgeOut() {
    GoogleBreaker b =
        (GoogleBreaker)
            Breaker.builder()
                .window(Duration.ofMillis(200))
                .buckets(20)
                .k(1.5)
                .ticker(ticker)
                .random(ScriptedRandom.alwaysDrop())
                .build();
    for (int i = 0; i < 10; i++) {
      markSuccess(b, 100);
      ticker.advanceMillis(10);
    }
    for (int i = 0; i < 10; i++) {
      markFailure(b, 100);
      ticker.advanceMillis(10);
    }
    History h = b.history();
    assertThat(h).isEqualTo(new History(900, 1000, 1900, 0, 10)); // the first bucket aged out
    // w = 1.5 - 0.4 * 10 / 20 = 1.3: (1895 - 1170) / 1901
    assertThat(b.currentDropProbability()).isCloseTo(725.0 / 1901, within(1e-12));
    // Like go-zero's test, poll the side-effect-free decision until the failures age out.
    int ticks = 0;
    while (b.currentDropProbability() > 0) {
      ticker.advanceMillis(10);
      ticks++;
    }
    assertThat(ticks).isBetween(1, 20);
    assertThat(admits(b)).isTrue();
  }

  @Test
  void executeWithFallback_returnsFallbackValueWhenDropped() {
    GoogleBreaker b = testBreaker(new ScriptedRandom(0.5));
    markSuccess(b, 1);
    markFailure(b, 10_000);
    AtomicInteger calls = new AtomicInteger();
    String result =
        b.executeWithFallback(
            () -> {
              calls.incrementAndGet();
              return "called";
            },
            e -> "fallback for " + e.breakerName());
    assertThat(result).isEqualTo("fallback for test");
    assertThat(calls).hasValue(0);
    assertThat(b.history().total()).isEqualTo(10_002); // the drop is recorded
  }

  @Test
  void execute_throwsBreakerOpenExceptionWhenDropped() {
    GoogleBreaker b = testBreaker(new ScriptedRandom(0.5));
    markSuccess(b, 100);
    markFailure(b, 10_000);
    AtomicInteger calls = new AtomicInteger();
    Throwable thrown = catchThrowable(() -> b.execute(calls::incrementAndGet));
    assertThat(thrown)
        .isInstanceOf(BreakerOpenException.class)
        .hasMessage("circuit breaker is open")
        .hasNoCause();
    assertThat(((BreakerOpenException) thrown).breakerName()).isEqualTo("test");
    assertThat(thrown.getStackTrace()).isEmpty();
    assertThat(calls).hasValue(0);
    History h = b.history();
    assertThat(h.total()).isEqualTo(10_101);
    assertThat(h.accepts()).isEqualTo(100);
    assertThat(h.failures()).isEqualTo(10_000);
  }

  @Test
  void allow_dropsMoreThan90Of100AfterSixIntervalsOfFailures() {
    GoogleBreaker b = testBreaker(new SplittableRandom(42));
    for (int ms = 0; ms < 60; ms++) {
      ticker.advanceMillis(1);
      Throwable t =
          catchThrowable(
              () ->
                  b.execute(
                      () -> {
                        throw new IllegalStateException("foo");
                      }));
      assertThat(t).isNotNull();
    }
    int dropped = 0;
    for (int i = 0; i < 100; i++) {
      try {
        b.allow().reject("still failing"); // as in go-zero, the calls that pass fail too
      } catch (BreakerOpenException e) {
        dropped++;
      }
    }
    assertThat(dropped).isGreaterThan(90);
  }

  @Test
  void allow_selfProtectionNeverDropsWhileTotalIsAtMostFive() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    markFailure(b, 4);
    ticker.advanceMillis(250);
    assertThat(b.currentDropProbability()).isZero();
    // Decisions at total 4 and 5 pass: (4 - 5) / 5 < 0, (5 - 5) / 6 = 0.
    b.allow().reject("fail 5");
    b.allow().reject("fail 6");
    assertThat(b.history().total()).isEqualTo(6);
    assertThatThrownBy(b::allow).isInstanceOf(BreakerOpenException.class); // (6 - 5) / 7
  }

  @Test
  void allow_admitsWhileTotalBelowKTimesAccepts() {
    SplittableRandom sizes = new SplittableRandom(7);
    for (int round = 0; round < 20; round++) {
      GoogleBreaker b = testBreaker(ScriptedRandom.alwaysDrop());
      int successes = 1 + sizes.nextInt(10_000);
      markSuccess(b, successes);
      markFailure(b, 3 * successes); // total 4 * s <= 5 * s: k = 5 covers it
      assertThat(admits(b)).as("successes=%d", successes).isTrue();
    }
  }

  // ---- execution paths
  // ---------------------------------------------------------------------------

  @Test
  void execute_returnsTheValueAndRecordsSuccess() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    assertThat(b.execute(() -> "value")).isEqualTo("value");
    assertThat(b.history()).isEqualTo(new History(1, 0, 1, 1, 0));
  }

  @Test
  void execute_rethrowsUnacceptedExceptionUnchangedAndRecordsFailure() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    IllegalStateException boom = new IllegalStateException("boom");
    Throwable thrown =
        catchThrowable(
            () ->
                b.execute(
                    () -> {
                      throw boom;
                    }));
    assertThat(thrown).isSameAs(boom);
    assertThat(b.history()).isEqualTo(new History(0, 1, 1, 0, 1));
    assertThat(b.errors().newestFirst()).singleElement().asString().endsWith(" " + boom);
  }

  @Test
  void execute_rethrowsAcceptableExceptionUnchangedAndRecordsSuccess() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    IllegalArgumentException notFound = new IllegalArgumentException("not found");
    Throwable thrown =
        catchThrowable(
            () ->
                b.execute(
                    () -> {
                      throw notFound;
                    },
                    e -> e instanceof IllegalArgumentException));
    assertThat(thrown).isSameAs(notFound);
    assertThat(b.history()).isEqualTo(new History(1, 0, 1, 1, 0));
    assertThat(b.errors().newestFirst()).isEmpty();
  }

  @Test
  void execute_errorIsAFailureEvenIfAcceptable() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    AssertionError panic = new AssertionError("panic");
    Throwable thrown =
        catchThrowable(
            () ->
                b.execute(
                    () -> {
                      throw panic;
                    },
                    e -> true));
    assertThat(thrown).isSameAs(panic);
    assertThat(b.history().failures()).isEqualTo(1);
  }

  @Test
  void execute_predicateThatThrowsRecordsFailureAndPropagates() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    IllegalStateException fromPredicate = new IllegalStateException("bad predicate");
    Throwable thrown =
        catchThrowable(
            () ->
                b.execute(
                    () -> {
                      throw new IllegalArgumentException("x");
                    },
                    e -> {
                      throw fromPredicate;
                    }));
    assertThat(thrown).isSameAs(fromPredicate);
    assertThat(b.history()).isEqualTo(new History(0, 1, 1, 0, 1));
  }

  @Test
  void executeChecked_rethrowsCheckedExceptionUnchanged() throws Exception {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    IOException io = new IOException("disk");
    Throwable thrown =
        catchThrowable(
            () ->
                b.executeChecked(
                    () -> {
                      throw io;
                    }));
    assertThat(thrown).isSameAs(io);
    assertThat(b.executeChecked(() -> "ok", e -> e instanceof IOException)).isEqualTo("ok");
    assertThat(b.history()).isEqualTo(new History(1, 1, 2, 0, 0));
  }

  @Test
  void run_recordsOutcomes() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    AtomicInteger runs = new AtomicInteger();
    b.run(runs::incrementAndGet);
    assertThatThrownBy(
            () ->
                b.run(
                    () -> {
                      throw new IllegalStateException("x");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(runs).hasValue(1);
    assertThat(b.history()).isEqualTo(new History(1, 1, 2, 0, 0));
  }

  @Test
  void promise_acceptAndRejectRecordOutcomesAndReasons() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    b.allow().accept();
    b.allow().reject("503 Service Unavailable");
    assertThat(b.history()).isEqualTo(new History(1, 1, 2, 0, 0));
    assertThat(b.errors().newestFirst())
        .singleElement()
        .asString()
        .matches("\\d\\d:\\d\\d:\\d\\d 503 Service Unavailable");
  }

  @Test
  void allow_dropIsRecordedAndThrown() {
    GoogleBreaker b = defaultBreaker(ScriptedRandom.alwaysDrop());
    markFailure(b, 10);
    assertThatThrownBy(b::allow)
        .isInstanceOf(BreakerOpenException.class)
        .hasMessage(BreakerOpenException.MESSAGE);
    assertThat(b.history()).isEqualTo(new History(0, 10, 11, 0, 1));
  }

  @Test
  void noop_neverDropsAndIsNamedNopBreaker() {
    Breaker b = Breaker.noop();
    assertThat(b.name()).isEqualTo("nopBreaker");
    for (int i = 0; i < 1000; i++) {
      Promise p = b.allow();
      p.reject("fail");
    }
    assertThat(b.execute(() -> 1)).isEqualTo(1);
    assertThat(b.executeWithFallback(() -> 2, e -> 3)).isEqualTo(2);
    IllegalStateException boom = new IllegalStateException();
    assertThat(
            catchThrowable(
                () ->
                    b.execute(
                        () -> {
                          throw boom;
                        })))
        .isSameAs(boom);
  }

  @Test
  void of_usesGoZeroDefaults() {
    Breaker b = Breaker.of("svc");
    assertThat(b.name()).isEqualTo("svc");
    assertThat(b.execute(() -> "x")).isEqualTo("x");
    assertThat(Breaker.builder().build().name()).hasSize(8);
  }
}
