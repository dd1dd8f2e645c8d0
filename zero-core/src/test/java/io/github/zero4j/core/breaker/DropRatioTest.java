package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.zero4j.core.timex.FakeTicker;
import java.util.random.RandomGenerator;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The decision formula with the default breaker (40 x 250 ms, k 1.5), computed by hand. */
class DropRatioTest {
  private static final Offset<Double> EXACT = within(1e-12);

  private final FakeTicker ticker = new FakeTicker();

  private GoogleBreaker breaker(RandomGenerator random) {
    return (GoogleBreaker) Breaker.builder().ticker(ticker).random(random).build();
  }

  private GoogleBreaker breaker(double k, RandomGenerator random) {
    return (GoogleBreaker) Breaker.builder().k(k).ticker(ticker).random(random).build();
  }

  private void bucket(GoogleBreaker b, int successes, int failures) {
    for (int i = 0; i < successes; i++) {
      b.markSuccess();
    }
    for (int i = 0; i < failures; i++) {
      b.markFailure("fail");
    }
    ticker.advanceMillis(250);
  }

  private static boolean passes(GoogleBreaker b) {
    try {
      b.allow();
      return true;
    } catch (BreakerOpenException e) {
      return false;
    }
  }

  @Test
  void allFailingWindow_dropsWithProbabilityTMinus5OverTPlus1() {
    GoogleBreaker b = breaker(ScriptedRandom.alwaysDrop());
    bucket(b, 0, 100);
    assertThat(b.currentDropProbability()).isCloseTo(95.0 / 101, EXACT); // 0.941
  }

  @Test
  void failingBuckets_decayW() {
    ScriptedRandom random = new ScriptedRandom(0.0);
    GoogleBreaker b = breaker(random);
    for (int i = 0; i < 4; i++) {
      bucket(b, 10, 0);
    }
    for (int i = 0; i < 20; i++) {
      bucket(b, 0, 5);
    }
    assertThat(b.history()).isEqualTo(new History(40, 100, 140, 0, 20));
    // w = 1.5 - 0.4 * 20 / 40 = 1.3; (140 - 5 - 1.3 * 40) / 141, wb = 0 so no scaling.
    assertThat(b.currentDropProbability()).isCloseTo(83.0 / 141, EXACT);
    random.then(0.588, 0.5915, 0.5945);
    assertThat(passes(b)).isFalse(); // 0.588 < 0.58865
    assertThat(b.currentDropProbability()).isCloseTo(84.0 / 142, EXACT); // the drop counts
    assertThat(passes(b)).isFalse(); // 0.5915 < 0.59155
    assertThat(b.currentDropProbability()).isCloseTo(85.0 / 143, EXACT);
    assertThat(passes(b)).isTrue(); // 0.5945 >= 0.59441
  }

  @Test
  void workingBuckets_scaleTheRatio() {
    ScriptedRandom random = new ScriptedRandom(0.0);
    GoogleBreaker b = breaker(random);
    for (int i = 0; i < 20; i++) {
      bucket(b, 0, 5);
    }
    for (int i = 0; i < 10; i++) {
      bucket(b, 1, 0);
    }
    assertThat(b.history()).isEqualTo(new History(10, 100, 110, 10, 0));
    // (110 - 5 - 1.5 * 10) / 111 = 0.8108, times (40 - 10) / 40
    assertThat(b.currentDropProbability()).isCloseTo(90.0 / 111 * 0.75, EXACT);
    random.then(0.6080, 0.9);
    assertThat(passes(b)).isFalse(); // 0.6080 < 0.60811
    double next = (111 - 5 - 15.0) / 112 * 0.75;
    assertThat(b.currentDropProbability()).isCloseTo(next, EXACT);
    assertThat(passes(b)).isTrue();
  }

  @Test
  void configuredK_decaysTowardsMinK() {
    GoogleBreaker b = breaker(2.0, ScriptedRandom.alwaysDrop());
    bucket(b, 20, 0);
    for (int i = 0; i < 10; i++) {
      bucket(b, 0, 10);
    }
    // w = 2 - (2 - 1.1) * 10 / 40 = 1.775; (120 - 5 - 1.775 * 20) / 121
    assertThat(b.currentDropProbability()).isCloseTo(79.5 / 121, EXACT);
  }

  @Test
  void thirtyNineFailingBuckets_bringWTo111() {
    GoogleBreaker b = breaker(ScriptedRandom.alwaysDrop());
    bucket(b, 100, 0);
    for (int i = 0; i < 38; i++) {
      bucket(b, 0, 10);
    }
    for (int i = 0; i < 10; i++) {
      b.markFailure("live");
    }
    assertThat(b.history()).isEqualTo(new History(100, 390, 490, 0, 39));
    // w = 1.5 - 0.4 * 39 / 40 = 1.11; (490 - 5 - 111) / 491
    assertThat(b.currentDropProbability()).isCloseTo(374.0 / 491, EXACT);
  }

  @Test
  void kTimesAccepts_coversFailures() {
    GoogleBreaker b = breaker(ScriptedRandom.alwaysDrop());
    bucket(b, 100, 0);
    bucket(b, 0, 54); // fb = 1: w = 1.49, 154 - 5 - 149 = 0
    assertThat(b.currentDropProbability()).isZero();
    assertThat(passes(b)).isTrue();
  }

  @Test
  void forcePass_letsOneCallThroughPerSecondAfterAPassWhileDropping() {
    ScriptedRandom random = new ScriptedRandom(0.0).then(0.99);
    GoogleBreaker b = breaker(random);
    for (int i = 0; i < 100; i++) {
      b.markFailure("down");
    }
    assertThat(passes(b)).as("random 0.99 passes and sets lastPass").isTrue();
    assertThat(passes(b)).isFalse();
    ticker.advanceMillis(1000);
    assertThat(passes(b)).as("exactly 1 s is not more than 1 s").isFalse();
    int draws = random.draws();
    ticker.advanceMillis(1);
    assertThat(passes(b)).as("force-pass").isTrue();
    assertThat(random.draws()).as("no random draw for a probe").isEqualTo(draws);
    assertThat(passes(b)).as("the probe reset lastPass").isFalse();
    ticker.advanceMillis(1001);
    assertThat(passes(b)).isTrue();
    assertThat(passes(b)).isFalse();
  }

  @Test
  void forcePass_neverBeforeAnyPassWhileDropping() {
    GoogleBreaker b = breaker(ScriptedRandom.alwaysDrop());
    // Passes with dropRatio <= 0 do not set lastPass.
    for (int i = 0; i < 5; i++) {
      b.allow().reject("fail");
    }
    for (int i = 0; i < 100; i++) {
      b.markFailure("down");
    }
    for (int s = 0; s < 5; s++) {
      ticker.advanceMillis(1001);
      assertThatThrownBy(b::allow).isInstanceOf(BreakerOpenException.class);
    }
  }
}
