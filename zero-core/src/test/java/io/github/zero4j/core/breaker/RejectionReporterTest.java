package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.stat.Alerts;
import io.github.zero4j.core.timex.FakeTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RejectionReporterTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final RejectionReporter reporter =
      new RejectionReporter(
          Alerts.builder()
              .interval(Alerts.DEFAULT_INTERVAL)
              .ticker(ticker)
              .hostname("test-host")
              .sink(lines::add)
              .build());

  @Test
  void report_logsOncePerFiveMinutesAndCountsTheRest() {
    ErrorWindow errors = new ErrorWindow(Clock.systemUTC());
    errors.add("timeout");
    reporter.report("users", errors);
    reporter.report("users", errors);
    reporter.report("orders", errors);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("host: test-host\nproc(")
        .contains("), callee: users, breaker is open and requests dropped\nlast errors:\n")
        .endsWith(" timeout")
        .doesNotContain("dropped: ");

    ticker.advance(Duration.ofMinutes(5));
    reporter.report("orders", errors);
    assertThat(lines).as("not more than 5 minutes yet").hasSize(1);

    ticker.advanceNanos(1);
    reporter.report("orders", errors);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("dropped: 3\nproc(").contains("callee: orders");
  }

  @Test
  void breaker_reportsDropsWithItsLatestErrors() {
    GoogleBreaker b =
        (GoogleBreaker)
            Breaker.builder()
                .name("inventory")
                .ticker(ticker)
                .random(ScriptedRandom.alwaysDrop())
                .reporter(reporter)
                .build();
    for (int i = 1; i <= 10; i++) {
      b.markFailure(new IllegalStateException("error " + i));
    }
    assertThat(lines).isEmpty(); // failures alone never log
    assertThatThrownBy(() -> b.execute(() -> "x")).isInstanceOf(BreakerOpenException.class);
    assertThat(lines)
        .singleElement()
        .asString()
        .contains("callee: inventory, breaker is open")
        .endsWith(" java.lang.IllegalStateException: error 6")
        .contains(
            "last errors:\n",
            " java.lang.IllegalStateException: error 10\n",
            " java.lang.IllegalStateException: error 9\n")
        .doesNotContain("error 5");
    String message = lines.get(0);
    assertThat(message.indexOf("error 10")).isLessThan(message.indexOf("error 9"));
  }

  @Test
  void breaker_fallbackThatSwallowsTheDropDoesNotReport() {
    Breaker b =
        Breaker.builder()
            .ticker(ticker)
            .random(ScriptedRandom.alwaysDrop())
            .reporter(reporter)
            .build();
    for (int i = 0; i < 6; i++) {
      b.allow().reject("fail"); // protection: the first six pass
    }
    assertThat(b.executeWithFallback(() -> "x", e -> "fallback")).isEqualTo("fallback");
    assertThat(lines).isEmpty();
    assertThatThrownBy(
            () ->
                b.executeWithFallback(
                    () -> "x",
                    e -> {
                      throw e;
                    }))
        .isInstanceOf(BreakerOpenException.class);
    assertThat(lines).hasSize(1);
  }
}
