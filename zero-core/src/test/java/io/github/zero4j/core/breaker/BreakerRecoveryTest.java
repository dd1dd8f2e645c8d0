package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The model of reference §1.3/§10(h), replayed on a fake clock: 1000 requests per second, a total
 * outage, then a healthy backend.
 */
class BreakerRecoveryTest {
  private final FakeTicker ticker = new FakeTicker();
  private final Breaker breaker =
      Breaker.builder().name("recovery").ticker(ticker).random(new SplittableRandom(1)).build();

  /** Runs one second of traffic, one call per millisecond; returns the fraction dropped. */
  private double second(boolean healthy) {
    int dropped = 0;
    for (int ms = 0; ms < 1000; ms++) {
      ticker.advanceMillis(1);
      try {
        breaker.execute(
            () -> {
              if (!healthy) {
                throw new IllegalStateException("backend down");
              }
              return "ok";
            });
      } catch (BreakerOpenException e) {
        dropped++;
      } catch (IllegalStateException e) {
        // a failure the breaker saw
      }
    }
    return dropped / 1000.0;
  }

  @Test
  void fullOutageThenHealthy_recoversWithinAboutOneWindow() {
    List<Double> outage = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      outage.add(second(false));
    }
    assertThat(outage.get(19)).as("outage drops %s", outage).isGreaterThan(0.95);

    List<Double> recovery = new ArrayList<>();
    for (int s = 0; s < 15; s++) {
      recovery.add(second(true));
    }
    assertThat(recovery.get(0)).as("still throttling: %s", recovery).isGreaterThan(0.5);
    assertThat(recovery.get(11)).as("recovered by 12 s: %s", recovery).isLessThan(0.05);
    assertThat(recovery.get(14)).as("fully recovered: %s", recovery).isZero();
    for (int s = 1; s < recovery.size(); s++) {
      assertThat(recovery.get(s))
          .as("monotone: %s", recovery)
          .isLessThanOrEqualTo(recovery.get(s - 1));
    }
  }

  @Test
  void thirtyPercentErrors_dropNothing() {
    Breaker b =
        Breaker.builder().name("e30").ticker(ticker).random(new SplittableRandom(2)).build();
    int dropped = 0;
    for (int ms = 0; ms < 30_000; ms++) {
      ticker.advanceMillis(1);
      boolean fail = ms % 10 < 3;
      try {
        b.execute(
            () -> {
              if (fail) {
                throw new IllegalStateException("30 %");
              }
              return "ok";
            });
      } catch (BreakerOpenException e) {
        dropped++;
      } catch (IllegalStateException e) {
        // counted failure
      }
    }
    assertThat(dropped).isZero();
  }

  @Test
  void fiftyPercentErrors_dropMostAfterTwentySeconds() {
    Breaker b =
        Breaker.builder().name("e50").ticker(ticker).random(new SplittableRandom(3)).build();
    int dropped = 0;
    for (int ms = 0; ms < 21_000; ms++) {
      ticker.advanceMillis(1);
      boolean fail = ms % 2 == 0;
      try {
        b.execute(
            () -> {
              if (fail) {
                throw new IllegalStateException("50 %");
              }
              return "ok";
            });
      } catch (BreakerOpenException e) {
        if (ms >= 20_000) {
          dropped++;
        }
      } catch (IllegalStateException e) {
        // counted failure
      }
    }
    assertThat(dropped).as("drops in second 21").isGreaterThan(850);
  }
}
