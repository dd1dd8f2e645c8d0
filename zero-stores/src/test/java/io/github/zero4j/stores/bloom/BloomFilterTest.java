package io.github.zero4j.stores.bloom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BloomFilterTest {

  @Test
  void offsets_matchGoZeroVectors() {
    assertThat(RedisBloomFilter.offsets("kevin".getBytes(UTF_8), 64))
        .containsExactly(11, 32, 33, 8, 0, 46, 39, 10, 63, 60, 31, 3, 4, 55);
    assertThat(RedisBloomFilter.offsets("hello".getBytes(UTF_8), 1000))
        .containsExactly(195, 778, 938, 931, 359, 362, 58, 240, 212, 248, 389, 865, 195, 485);
  }

  @Test
  void offsets_areUnsignedRemaindersOfTheSaltedHash() {
    // murmur3("hello" + 0x00) = 0x084ad4bb6b86b133; murmur3("kevin" + 0x0d) = 0xe6cd5104e3bad177
    long helloZero = 0x084ad4bb6b86b133L;
    long kevinThirteen = 0xe6cd5104e3bad177L; // negative as a signed long

    assertThat(RedisBloomFilter.offsets("hello".getBytes(UTF_8), 1_000_003)[0])
        .isEqualTo(Long.remainderUnsigned(helloZero, 1_000_003));
    assertThat(RedisBloomFilter.offsets("kevin".getBytes(UTF_8), 1L << 32)[13])
        .isEqualTo(kevinThirteen & 0xffffffffL);
    assertThat(java.util.Arrays.stream(RedisBloomFilter.offsets("kevin".getBytes(UTF_8), 1L << 32)))
        .allMatch(o -> o >= 0 && o < (1L << 32));
  }

  @Test
  void offsets_doNotTouchTheCallersArray() {
    byte[] data = "hello".getBytes(UTF_8);

    RedisBloomFilter.offsets(data, 64);

    assertThat(data).containsExactly("hello".getBytes(UTF_8));
  }

  @Test
  void bits_mustFitARedisBitmap() {
    FakeRedis redis = new FakeRedis();

    assertThatThrownBy(() -> BloomFilter.create(redis.redis, "b", 0))
        .hasMessage("bits: 0 (expected: 1..4294967296)");
    assertThatThrownBy(() -> BloomFilter.create(redis.redis, "b", (1L << 32) + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BloomFilter.create(redis.redis, "b", 1L << 32).bits()).isEqualTo(1L << 32);
  }
}
