package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void bareIntegers_areMilliseconds_asInGoZeroTimeoutFields() {
    assertThat(Durations.parse("3000")).isEqualTo(Duration.ofSeconds(3));
    assertThat(Durations.parse("250")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("-1")).isEqualTo(Duration.ofMillis(-1));
  }

  @Test
  void goDurations_followTimeParseDuration() {
    assertThat(Durations.parse("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("300us")).isEqualTo(Duration.ofNanos(300_000));
    assertThat(Durations.parse("300µs")).isEqualTo(Duration.ofNanos(300_000));
    assertThat(Durations.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(Durations.parse("-1m30s")).isEqualTo(Duration.ofSeconds(-90));
    assertThat(Durations.parse("1h2m3s4ms5us6ns"))
        .isEqualTo(Duration.ofSeconds(3723).plusNanos(4_005_006));
  }

  @Test
  void isoDurations_areAccepted() {
    assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThat(Durations.parse("pt1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("P1D")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void otherText_isRejected() {
    for (String bad :
        new String[] {"", "s", "1.5", "3 seconds", "1S", "1d", "1h 2m", "PT", "1e3s"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(Mismatch.class)
          .hasMessage(Durations.EXPECTED);
    }
  }

  @Test
  void overflow_isRejected() {
    assertThatThrownBy(() -> Durations.parse("99999999999999999999h")).isInstanceOf(Mismatch.class);
    assertThatThrownBy(() -> Durations.parse("99999999999999999999")).isInstanceOf(Mismatch.class);
  }
}
