package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

  @Test
  void plainIntegers_areBytes() {
    assertThat(ByteSizes.parse("1048576")).isEqualTo(1_048_576L);
    assertThat(ByteSizes.parse("0")).isZero();
    assertThat(ByteSizes.parse("12b")).isEqualTo(12);
  }

  @Test
  void units_areBinary_andCaseInsensitive() {
    assertThat(ByteSizes.parse("1K")).isEqualTo(1024);
    assertThat(ByteSizes.parse("1kb")).isEqualTo(1024);
    assertThat(ByteSizes.parse("512KiB")).isEqualTo(512 * 1024);
    assertThat(ByteSizes.parse("1 MiB")).isEqualTo(1 << 20);
    assertThat(ByteSizes.parse("10m")).isEqualTo(10L << 20);
    assertThat(ByteSizes.parse("2GB")).isEqualTo(2L << 30);
    assertThat(ByteSizes.parse("3t")).isEqualTo(3L << 40);
  }

  @Test
  void otherText_andOverflow_areRejected() {
    for (String bad : new String[] {"", "1.5MB", "-1", "MB", "1PB", "1iB", "8388608T"}) {
      assertThatThrownBy(() -> ByteSizes.parse(bad))
          .as(bad)
          .isInstanceOf(Mismatch.class)
          .hasMessage(ByteSizes.EXPECTED);
    }
  }
}
