package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ErrorWindowTest {
  private static final Instant NOON = Instant.parse("2026-01-02T12:00:00Z");

  @Test
  void newestFirst_keepsExactlyTheFiveNewestReasons() {
    ErrorWindow window = new ErrorWindow(Clock.fixed(NOON, ZoneOffset.UTC));
    for (int i = 1; i <= 7; i++) {
      window.add("reason " + i);
    }
    assertThat(window.newestFirst())
        .containsExactly(
            "12:00:00 reason 7",
            "12:00:00 reason 6",
            "12:00:00 reason 5",
            "12:00:00 reason 4",
            "12:00:00 reason 3");
  }

  @Test
  void newestFirst_formatsTimeInTheClockZoneAndThrowablesByToString() {
    MutableClock clock = new MutableClock(NOON, ZoneId.of("Asia/Shanghai"));
    ErrorWindow window = new ErrorWindow(clock);
    window.add(new IllegalStateException("boom"));
    clock.now = NOON.plus(Duration.ofSeconds(61));
    window.add("503 Service Unavailable");
    assertThat(window.newestFirst())
        .containsExactly(
            "20:01:01 503 Service Unavailable", "20:00:00 java.lang.IllegalStateException: boom");
  }

  @Test
  void newestFirst_emptyWindow() {
    assertThat(new ErrorWindow(Clock.systemUTC()).newestFirst()).isEmpty();
  }

  private static final class MutableClock extends Clock {
    Instant now;
    private final ZoneId zone;

    MutableClock(Instant now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new MutableClock(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
