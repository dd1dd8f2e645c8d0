package io.github.zero4j.core.hash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Murmur3Test {

  @Test
  void sum64_matchesGoZeroReferenceVectors() {
    assertThat(Murmur3.sum64("hello".getBytes(UTF_8))).isEqualTo(0xcbd8a7b341bd9b02L);
    assertThat(Murmur3.sum64("hello, world".getBytes(UTF_8))).isEqualTo(0x342fac623a5ebc8eL);
    assertThat(Murmur3.sum64(new byte[0])).isZero();
  }

  @Test
  void sum64_matchesIndependentImplementation_acrossBlockAndTailLengths() {
    // first half of MurmurHash3_x64_128(seed 0), computed with a separate Python implementation
    assertThat(Murmur3.sum64("The quick brown fox jumps over the lazy dog".getBytes(UTF_8)))
        .isEqualTo(0xe34bbc7bbc071b6cL);
    assertThat(Murmur3.sum64("0123456789abcdef".getBytes(UTF_8))).isEqualTo(0x4be06d94cf4ad1a7L);
    assertThat(Murmur3.sum64("0123456789abcdefg".getBytes(UTF_8))).isEqualTo(0x8e32612daa45f9deL);
    assertThat(Murmur3.sum64(new byte[] {'h', 'e', 'l', 'l', 'o', 0}))
        .isEqualTo(0x084ad4bb6b86b133L);
    assertThat(Murmur3.sum64(new byte[] {'k', 'e', 'v', 'i', 'n', 13}))
        .isEqualTo(0xe6cd5104e3bad177L);
  }

  @Test
  void sum64_ofPrefix_hashesOnlyThePrefix() {
    byte[] buffer = "hello, world".getBytes(UTF_8);

    assertThat(Murmur3.sum64(buffer, 5)).isEqualTo(0xcbd8a7b341bd9b02L);
    assertThatThrownBy(() -> Murmur3.sum64(buffer, 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length: 13 (expected: 0..12)");
  }
}
