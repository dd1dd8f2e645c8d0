package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** go-zero's range notation, with the vectors of core/mapping/fieldoptions_test. */
class IntervalTest {

  @Test
  void bracketsChooseInclusion() {
    Interval closed = Interval.parse("[0:1000]");
    Interval halfOpen = Interval.parse("[0:1000)");
    Interval open = Interval.parse("(0:1000)");
    Interval leftOpen = Interval.parse("(0:1000]");

    assertThat(closed.contains(0)).isTrue();
    assertThat(closed.contains(1000)).isTrue();
    assertThat(halfOpen.contains(0)).isTrue();
    assertThat(halfOpen.contains(1000)).isFalse();
    assertThat(halfOpen.contains(999.99)).isTrue();
    assertThat(open.contains(0)).isFalse();
    assertThat(open.contains(1000)).isFalse();
    assertThat(leftOpen.contains(0)).isFalse();
    assertThat(leftOpen.contains(1000)).isTrue();
    assertThat(closed.contains(-1)).isFalse();
    assertThat(closed.contains(1001)).isFalse();
  }

  @Test
  void missingBound_isUnbounded() {
    assertThat(Interval.parse("[1:]").contains(Double.MAX_VALUE)).isTrue();
    assertThat(Interval.parse("[1:]").contains(0.5)).isFalse();
    assertThat(Interval.parse("(:5]").contains(-1e300)).isTrue();
    assertThat(Interval.parse("(:5]").contains(5)).isTrue();
    assertThat(Interval.parse("(:5)").contains(5)).isFalse();
  }

  @Test
  void degenerateInterval_isOnlyValidClosed() {
    assertThat(Interval.parse("[2:2]").contains(2)).isTrue();
    for (String empty : new String[] {"[2:2)", "(2:2]", "(2:2)", "[3:1]"}) {
      assertThatThrownBy(() -> Interval.parse(empty))
          .as(empty)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is empty");
    }
  }

  @Test
  void malformed_isRejected() {
    for (String bad : new String[] {"", "[]", "[:]", "0:1", "[0:1", "{0:1}", "[a:1]", "[0:1:2]"}) {
      assertThatThrownBy(() -> Interval.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an interval");
    }
  }

  @Test
  void toString_isTheSpec() {
    assertThat(Interval.parse("[0:1000)")).hasToString("[0:1000)");
  }
}
