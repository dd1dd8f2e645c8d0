package io.github.zero4j.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * go-zero's core/collection/timingwheel_test.go vectors: each timer must fire on exactly the tick
 * its delay names. Ticks are driven by hand; callbacks run on the ticking thread.
 */
class TimingWheelTest {
  private static final Duration STEP = Duration.ofMinutes(1);

  /** A wheel with {@code slots} slots that records on which tick each key fired. */
  private static final class Recorder {
    final TimingWheel<Object, Object> wheel;
    final List<String> fired = new ArrayList<>();
    final Map<Object, Integer> firedAt = new ConcurrentHashMap<>();
    int ticks;

    Recorder(int slots) {
      wheel =
          TimingWheel.manual(
              TimingWheel.builder(
                  STEP,
                  slots,
                  (key, value) -> {
                    fired.add(key + "=" + value);
                    firedAt.put(key, ticks);
                  }));
    }

    void tick(int n) {
      for (int i = 0; i < n; i++) {
        ticks++;
        wheel.tick();
      }
    }

    /** Ticks until {@code key} fires (at most 100 ticks) and returns the tick it fired on. */
    int tickUntilFired(Object key) {
      while (!firedAt.containsKey(key) && ticks < 100) {
        tick(1);
      }
      return firedAt.getOrDefault(key, -1);
    }
  }

  @Test
  void builder_rejectsBadArguments() {
    assertThatThrownBy(() -> TimingWheel.builder(Duration.ZERO, 10, (k, v) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval: PT0S (expected: > 0)");
    assertThatThrownBy(() -> TimingWheel.builder(STEP, 0, (k, v) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slots: 0 (expected: > 0)");
  }

  @ParameterizedTest(name = "{0} slots, set at {1}")
  @CsvSource({"5, 5", "5, 7", "5, 10", "5, 12", "5, 1", "5, 4", "1, 3", "10, 25"})
  void setTimer_firesOnExactTick(int slots, int setAt) {
    Recorder r = new Recorder(slots);
    r.wheel.setTimer(1, 2, STEP.multipliedBy(setAt));
    assertThat(r.tickUntilFired(1)).isEqualTo(setAt);
    assertThat(r.fired).containsExactly("1=2");
    assertThat(r.wheel.size()).isZero();
  }

  @ParameterizedTest(name = "{0} slots, set at {1}, move to {2}")
  @CsvSource({"5, 3, 5", "5, 3, 7", "5, 3, 10", "5, 3, 12", "5, 5, 7", "5, 5, 10", "5, 5, 12"})
  void setAndMoveThenStart_firesAtMovedTick(int slots, int setAt, int moveAt) {
    Recorder r = new Recorder(slots);
    r.wheel.setTimer(1, 2, STEP.multipliedBy(setAt));
    r.wheel.moveTimer(1, STEP.multipliedBy(moveAt));
    assertThat(r.tickUntilFired(1)).isEqualTo(moveAt);
  }

  @ParameterizedTest(name = "{0} slots, set at {1}, move to {2}, then {3}")
  @CsvSource({
    "5, 3, 5, 10",
    "5, 3, 7, 12",
    "5, 3, 10, 15",
    "5, 3, 12, 17",
    "5, 5, 7, 12",
    "5, 5, 10, 17",
    "5, 5, 12, 17"
  })
  void setAndMoveTwice_firesAtLastMove(int slots, int setAt, int moveAt, int moveAgainAt) {
    Recorder r = new Recorder(slots);
    r.wheel.setTimer(1, 2, STEP.multipliedBy(setAt));
    r.wheel.moveTimer(1, STEP.multipliedBy(moveAt));
    r.wheel.moveTimer(1, STEP.multipliedBy(moveAgainAt));
    assertThat(r.tickUntilFired(1)).isEqualTo(moveAgainAt);
  }

  @ParameterizedTest(name = "{0} slots, {1} elapsed, set at {2}")
  @CsvSource({"5, 3, 5", "5, 3, 7", "5, 3, 10", "5, 3, 12", "5, 5, 7", "5, 5, 10", "5, 5, 12"})
  void elapsedAndSet_firesRelativeToSetTime(int slots, int elapsed, int setAt) {
    Recorder r = new Recorder(slots);
    r.tick(elapsed);
    r.wheel.setTimer(1, 2, STEP.multipliedBy(setAt));
    assertThat(r.tickUntilFired(1)).isEqualTo(elapsed + setAt);
  }

  @ParameterizedTest(name = "{0} slots, {1} elapsed, set at {2}, move to {3}")
  @CsvSource({
    "5, 3, 5, 10",
    "5, 3, 7, 12",
    "5, 3, 10, 15",
    "5, 3, 12, 16",
    "5, 5, 7, 12",
    "5, 5, 10, 15",
    "5, 5, 12, 17",
    // go-zero's lazy re-slotting fires this one 5 ticks after the move; ours is exact
    "5, 2, 2, 10"
  })
  void elapsedAndSetThenMove_firesRelativeToMoveTime(
      int slots, int elapsed, int setAt, int moveAt) {
    Recorder r = new Recorder(slots);
    r.tick(elapsed);
    r.wheel.setTimer(1, 2, STEP.multipliedBy(setAt));
    r.wheel.moveTimer(1, STEP.multipliedBy(moveAt));
    assertThat(r.tickUntilFired(1)).isEqualTo(elapsed + moveAt);
  }

  @Test
  void setTimer_shorterThanInterval_firesOnFirstTick() {
    Recorder r = new Recorder(10);
    r.wheel.setTimer("any", 3, STEP.dividedBy(2));
    r.tick(1);
    assertThat(r.fired).containsExactly("any=3");
  }

  @Test
  void setTimer_twice_replacesValueAndMovesTimer() {
    Recorder r = new Recorder(10);
    r.wheel.setTimer("any", 3, STEP.multipliedBy(4));
    r.wheel.setTimer("any", 5, STEP.multipliedBy(7));
    r.tick(6);
    assertThat(r.fired).isEmpty();
    r.tick(2);
    assertThat(r.fired).containsExactly("any=5");
    assertThat(r.firedAt).containsEntry("any", 7);
  }

  @Test
  void setTimer_rejectsNonPositiveDelay() {
    Recorder r = new Recorder(10);
    assertThatThrownBy(() -> r.wheel.setTimer("any", 3, STEP.negated()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay: PT-1M (expected: > 0)");
    assertThatThrownBy(() -> r.wheel.moveTimer("any", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moveTimer_later_ignoresBadArgumentsAndUnknownKeys() {
    Recorder r = new Recorder(3);
    r.wheel.setTimer("any", 3, STEP.multipliedBy(4));
    r.wheel.moveTimer("any", STEP.multipliedBy(7));
    assertThatThrownBy(() -> r.wheel.moveTimer("any", STEP.negated()))
        .isInstanceOf(IllegalArgumentException.class);
    r.wheel.moveTimer("none", STEP);
    r.tick(5);
    assertThat(r.fired).isEmpty();
    r.tick(3);
    assertThat(r.fired).containsExactly("any=3");
    assertThat(r.firedAt).containsEntry("any", 7);
  }

  @Test
  void moveTimer_shorterThanInterval_firesAtOnceAndOnlyOnce() {
    Recorder r = new Recorder(3);
    r.wheel.setTimer("any", 3, STEP.multipliedBy(4));
    r.wheel.moveTimer("any", STEP.dividedBy(2));
    assertThat(r.fired).containsExactly("any=3");
    r.tick(20);
    assertThat(r.fired).containsExactly("any=3");
  }

  @Test
  void moveTimer_earlier_firesAtNewTick() {
    Recorder r = new Recorder(10);
    r.wheel.setTimer("any", 3, STEP.multipliedBy(4));
    r.wheel.moveTimer("any", STEP.multipliedBy(2));
    assertThat(r.tickUntilFired("any")).isEqualTo(2);
  }

  @Test
  void removeTimer_preventsFiring() {
    Recorder r = new Recorder(10);
    r.wheel.setTimer("any", 3, STEP);
    r.wheel.removeTimer("any");
    r.wheel.removeTimer("none");
    r.tick(5);
    assertThat(r.fired).isEmpty();
    assertThat(r.wheel.size()).isZero();
  }

  @Test
  void moveThenRemove_neverFires() {
    Recorder r = new Recorder(10);
    r.wheel.setTimer("any", 3, STEP.multipliedBy(8));
    r.tick(6);
    r.wheel.moveTimer("any", STEP.multipliedBy(7));
    r.tick(3);
    r.wheel.removeTimer("any");
    r.tick(30);
    assertThat(r.fired).isEmpty();
  }

  @Test
  void drain_runsEveryPendingTimerOnce() {
    Recorder r = new Recorder(10);
    r.wheel.setTimer("first", 3, STEP.multipliedBy(4));
    r.wheel.setTimer("second", 5, STEP.multipliedBy(7));
    r.wheel.setTimer("third", 7, STEP.multipliedBy(7));
    List<String> drained = new ArrayList<>();
    r.wheel.drain((k, v) -> drained.add(k + "=" + v));
    assertThat(drained).containsExactlyInAnyOrder("first=3", "second=5", "third=7");
    List<String> again = new ArrayList<>();
    r.wheel.drain((k, v) -> again.add(k + "=" + v));
    assertThat(again).isEmpty();
    r.tick(20);
    assertThat(r.fired).isEmpty();
  }

  @Test
  void tick_firesSameTickTimersInOrder_andSurvivesAThrowingCallback() {
    List<Object> fired = new ArrayList<>();
    TimingWheel<String, Integer> wheel =
        TimingWheel.manual(
            TimingWheel.<String, Integer>builder(
                STEP,
                4,
                (key, value) -> {
                  fired.add(key);
                  if (key.equals("b")) {
                    throw new IllegalStateException("boom");
                  }
                }));
    wheel.setTimer("a", 1, STEP.multipliedBy(2));
    wheel.setTimer("b", 1, STEP.multipliedBy(2));
    wheel.setTimer("c", 1, STEP.multipliedBy(2));
    wheel.setTimer("d", 1, STEP.multipliedBy(6)); // same slot, next circle
    wheel.tick();
    wheel.tick();
    assertThat(fired).containsExactly("a", "b", "c");
    wheel.tick();
    wheel.tick();
    wheel.tick();
    wheel.tick();
    assertThat(fired).containsExactly("a", "b", "c", "d");
  }

  @Test
  void callback_mayReenterTheWheel() {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<TimingWheel<String, Integer>> holder = new AtomicReference<>();
    holder.set(
        TimingWheel.manual(
            TimingWheel.<String, Integer>builder(
                STEP,
                4,
                (key, value) -> {
                  if (runs.incrementAndGet() < 3) {
                    Objects.requireNonNull(holder.get())
                        .setTimer(key, value + 1, STEP); // retry on the next tick
                  }
                })));
    TimingWheel<String, Integer> wheel = Objects.requireNonNull(holder.get());
    wheel.setTimer("retry", 1, STEP);
    for (int i = 0; i < 5; i++) {
      wheel.tick();
    }
    assertThat(runs).hasValue(3);
    assertThat(wheel.size()).isZero();
  }

  @Test
  void closed_rejectsEveryOperation_andStopsFiring() {
    Recorder r = new Recorder(10);
    r.wheel.setTimer("any", 3, STEP);
    r.wheel.close();
    r.wheel.close();
    r.tick(3);
    assertThat(r.fired).isEmpty();
    assertThatThrownBy(() -> r.wheel.setTimer("any", 3, STEP))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("timing wheel is closed");
    assertThatThrownBy(() -> r.wheel.moveTimer("any", STEP))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> r.wheel.removeTimer("any")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> r.wheel.drain((k, v) -> {})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void thread_ticksByTheTicker_andStopsOnClose() throws Exception {
    FakeTicker ticker = new FakeTicker();
    CountDownLatch fired = new CountDownLatch(1);
    Duration interval = Duration.ofMillis(1);
    TimingWheel<String, String> wheel =
        TimingWheel.<String, String>builder(interval, 8, (k, v) -> fired.countDown())
            .ticker(ticker)
            .build();
    try {
      wheel.setTimer("k", "v", interval.multipliedBy(3));
      assertThat(fired.getCount()).isEqualTo(1); // the fake clock has not moved
      ticker.advance(interval.multipliedBy(3));
      assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
      Thread thread = Objects.requireNonNull(wheel.thread());
      assertThat(thread.getName()).isEqualTo("zero4j-core-timingwheel");
      assertThat(thread.isDaemon()).isTrue();
      wheel.close();
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(thread.isAlive()).isFalse();
    } finally {
      wheel.close();
    }
  }
}
